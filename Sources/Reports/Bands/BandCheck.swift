import Foundation
import Records

/// Compares each band's cell mean with its range.
public struct BandCheck: Sendable {
    /// What the check found for one band.
    public struct Finding: Hashable, Sendable {
        /// The outcome for one band.
        public enum Outcome: Hashable, Sendable {
            /// The mean lies inside the band.
            case inside
            /// The mean lies outside the band.
            case outside
            /// No finished run fills the cell.
            case missing
        }

        /// The band checked.
        public let band: Band
        /// The cell's mean in percent, when it has runs.
        public let mean: Double?
        /// How many seeds the mean counts.
        public let count: Int
        /// Inside, outside or missing.
        public let outcome: Outcome

        /// One line, e.g. `rte / ssmix: mean 61.20 (n=5) outside [63.00, 70.00]`.
        public var line: String {
            let cell = "\(band.column) / \(band.method)"
            let range = "[\(NumberText.percent(band.low)), \(NumberText.percent(band.high))]"
            guard let mean else { return "\(cell): missing (no finished run) for band \(range)" }
            let verdict = outcome == .inside ? "inside" : "outside"
            return "\(cell): mean \(NumberText.percent(mean)) (n=\(count)) \(verdict) \(range)"
        }
    }

    /// One finding per band, in the file's order.
    public let findings: [Finding]

    /// Checks `bands` against the measured results; capped runs never count.
    public init(bands: [Band], results: MeasuredResults) {
        findings = bands.map { band in
            let samples = (ReportColumn.named(band.column).map { results.samples(method: band.method, column: $0) } ?? [])
                .filter { !$0.run.isCapped }
            let statistics = SampleStatistics(samples.map(\.percent))
            guard let mean = statistics.mean else {
                return Finding(band: band, mean: nil, count: 0, outcome: .missing)
            }
            let inside = mean >= band.low && mean <= band.high
            return Finding(band: band, mean: mean, count: statistics.count, outcome: inside ? .inside : .outside)
        }
    }

    /// The findings outside their band or missing.
    public var failures: [Finding] { findings.filter { $0.outcome != .inside } }

    /// True when every band holds.
    public var passed: Bool { failures.isEmpty }
}

/// `check` found cells outside their bands or missing; the description summarises.
public struct BandCheckFailure: Error, CustomStringConvertible, LocalizedError {
    /// How many bands were outside.
    public let outside: Int
    /// How many bands had no runs.
    public let missing: Int
    /// How many bands were checked.
    public let total: Int

    /// Summarises a failed check.
    public init(_ check: BandCheck) {
        outside = check.findings.filter { $0.outcome == .outside }.count
        missing = check.findings.filter { $0.outcome == .missing }.count
        total = check.findings.count
    }

    /// One line: `3 of 12 bands failed: 2 outside, 1 missing`.
    public var description: String {
        "\(outside + missing) of \(total) bands failed: \(outside) outside, \(missing) missing"
    }
    /// Same as `description`.
    public var errorDescription: String? { description }
}
