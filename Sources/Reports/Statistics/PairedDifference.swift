import Foundation

/// The mean of paired differences (e.g. method − normal of the same seed) with a 95% percentile
/// bootstrap interval and a two-sided paired t-test.
public struct PairedDifference: Equatable, Sendable {
    /// The differences, one per pair (percentage points).
    public let differences: [Double]
    /// Their mean; nil without pairs.
    public let mean: Double?
    /// The 2.5th and 97.5th percentiles of the bootstrap means; nil with fewer than two pairs.
    public let interval: ClosedRange<Double>?
    /// The paired t-test's two-sided p (H0: mean difference 0); nil with fewer than two pairs or
    /// when every difference is the same.
    public let p: Double?

    /// How many bootstrap resamples, and the seed of their generator (results are reproducible).
    public static let resamples = 10_000
    public static let bootstrapSeed: UInt64 = 20_210_801

    /// Summarises `differences`.
    public init(_ differences: [Double], resamples: Int = PairedDifference.resamples, seed: UInt64 = PairedDifference.bootstrapSeed) {
        self.differences = differences
        let statistics = SampleStatistics(differences)
        mean = statistics.mean
        guard differences.count > 1, let mean = statistics.mean, let deviation = statistics.standardDeviation else {
            interval = nil
            p = nil
            return
        }
        interval = Self.bootstrapInterval(differences, resamples: resamples, seed: seed)
        if deviation > 0 {
            let t = mean / (deviation / Double(differences.count).squareRoot())
            p = StudentT.twoSidedP(t: t, degreesOfFreedom: Double(differences.count - 1))
        } else {
            p = nil
        }
    }

    /// What the data say about "the mean difference is at least zero" at the 5% level.
    public enum Verdict: String, Sendable {
        /// Mean above zero and p < 0.05.
        case holds
        /// Mean below zero and p < 0.05.
        case fails
        /// Anything else: too few pairs, or p ≥ 0.05.
        case undecided
    }

    /// The verdict on a positive difference, decided by the t-test's p at 0.05.
    public var verdict: Verdict {
        guard let mean, let p, p < 0.05 else { return .undecided }
        return mean > 0 ? .holds : .fails
    }

    /// Percentile interval of `resamples` means of resamples drawn with replacement.
    static func bootstrapInterval(_ values: [Double], resamples: Int, seed: UInt64) -> ClosedRange<Double> {
        var generator = SplitMix64(seed: seed)
        let n = values.count
        var means = [Double](repeating: 0, count: resamples)
        for index in 0..<resamples {
            var total = 0.0
            for _ in 0..<n { total += values[Int(generator.next() % UInt64(n))] }
            means[index] = total / Double(n)
        }
        means.sort()
        return percentile(means, 0.025)...percentile(means, 0.975)
    }

    /// The `q` quantile of sorted values, interpolating linearly between neighbours.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

/// SplitMix64: a small, fast, seedable generator, so that bootstrap intervals are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
