import Records

/// Two methods' accuracies in one column, paired by seed (the same seed means the same
/// first-stage checkpoint, so a difference isolates the method).
public struct SeedPairs: Sendable {
    /// One seed's pair.
    public struct Pair: Sendable {
        public let seed: Int
        public let first: MeasuredResults.Sample
        public let second: MeasuredResults.Sample
        /// first − second, in percentage points.
        public var difference: Double { first.percent - second.percent }
    }

    /// The pairs, by seed; seeds where either method has no run, or where the two runs do not
    /// continue the same first stage (e.g. a capped mixup run beside a full-recipe normal run),
    /// are left out.
    public let pairs: [Pair]

    /// Pairs `first` with `second` in `column`.
    public init(results: MeasuredResults, first: String, second: String, column: ReportColumn) {
        let seconds = Dictionary(results.samples(method: second, column: column).map { ($0.seed, $0) }) { a, _ in a }
        pairs = results.samples(method: first, column: column).sorted { $0.seed < $1.seed }.compactMap { sample in
            guard let other = seconds[sample.seed], sample.run.sharesFirstStage(with: other.run) else { return nil }
            return Pair(seed: sample.seed, first: sample, second: other)
        }
    }

    /// Mean difference, interval and test.
    public var difference: PairedDifference { PairedDifference(pairs.map(\.difference)) }

    /// True when any run of any pair trained on a capped subset.
    public var isCapped: Bool { pairs.contains { $0.first.run.isCapped || $0.second.run.isCapped } }
}
