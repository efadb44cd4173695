import Records
/// The runs that reports count, indexed by cell: only finished runs of one protocol and one product
/// precision (fp32 unless asked: bf16 runs never mix into fp32 tables); of several
/// runs sharing task, method and seed, a full-recipe run before a capped one, then the latest.
public struct MeasuredResults: Sendable {
    /// One seed's accuracy in a cell.
    public struct Sample: Hashable, Sendable {
        /// The seed.
        public let seed: Int
        /// The run it comes from.
        public let run: RecordedRun
        /// The accuracy in percent.
        public let percent: Double
    }

    /// The protocol counted.
    public let protocolName: String
    /// The product precision counted (`fp32` or `bf16`).
    public let precision: String
    /// The counted runs, one per (task, method, seed), ordered by task, method and seed.
    public let runs: [RecordedRun]

    /// Selects the runs to count from everything recorded.
    public init(runs all: [RecordedRun], protocolName: String, precision: String = "fp32") {
        self.protocolName = protocolName
        self.precision = precision
        var chosen: [String: RecordedRun] = [:]
        for run in all where run.record.status == .finished && run.record.protocolName == protocolName && run.precision == precision {
            let key = "\(run.record.task)\t\(run.record.method)\t\(run.record.seed)"
            if let kept = chosen[key], Self.isPreferred(kept, over: run) { continue }
            chosen[key] = run
        }
        runs = chosen.values.sorted {
            ($0.record.task, $0.record.method, $0.record.seed) < ($1.record.task, $1.record.method, $1.record.seed)
        }
    }

    /// The samples of one cell, by seed.
    public func samples(method: String, column: ReportColumn) -> [Sample] {
        runs.compactMap { run in
            guard run.record.task == column.task, run.record.method == method,
                  let accuracy = column.accuracy(of: run.record) else { return nil }
            return Sample(seed: run.record.seed, run: run, percent: accuracy * 100)
        }
    }

    /// The counted run with this configuration hash.
    public func run(configHash: String) -> RecordedRun? {
        runs.first { $0.configHash == configHash }
    }

    /// A full-recipe run beats a capped one; otherwise the later one counts.
    private static func isPreferred(_ a: RecordedRun, over b: RecordedRun) -> Bool {
        if a.isCapped != b.isCapped { return !a.isCapped }
        let aFinished = a.record.finished ?? a.record.started
        let bFinished = b.record.finished ?? b.record.started
        if aFinished != bFinished { return aFinished > bFinished }
        return (a.record.id ?? 0) > (b.record.id ?? 0)
    }
}
