import Records
/// The runs that reports count, indexed by cell: only `finished` runs of one protocol, and of
/// several finished runs sharing task, method and seed, only the latest.
public struct MeasuredResults: Sendable {
    /// One seed's accuracy in a cell.
    public struct Sample: Hashable, Sendable {
        /// The seed.
        public let seed: Int
        /// The run it comes from.
        public let runID: Int64
        /// The accuracy in percent.
        public let percent: Double
    }

    /// The protocol counted.
    public let protocolName: String
    /// The counted runs, one per (task, method, seed), ordered by task, method and seed.
    public let runs: [RunRecord]

    /// Selects the runs to count from everything recorded.
    public init(runs all: [RunRecord], protocolName: String) {
        self.protocolName = protocolName
        var latest: [String: RunRecord] = [:]
        for run in all where run.status == .finished && run.protocolName == protocolName {
            let key = "\(run.task)\t\(run.method)\t\(run.seed)"
            if let kept = latest[key], Self.isLater(kept, than: run) { continue }
            latest[key] = run
        }
        runs = latest.values.sorted { ($0.task, $0.method, $0.seed) < ($1.task, $1.method, $1.seed) }
    }

    /// The samples of one cell, by seed.
    public func samples(method: String, column: ReportColumn) -> [Sample] {
        runs.compactMap { run in
            guard run.task == column.task, run.method == method,
                  let id = run.id, let accuracy = column.accuracy(of: run) else { return nil }
            return Sample(seed: run.seed, runID: id, percent: accuracy * 100)
        }
    }

    private static func isLater(_ a: RunRecord, than b: RunRecord) -> Bool {
        let aFinished = a.finished ?? a.started
        let bFinished = b.finished ?? b.started
        if aFinished != bFinished { return aFinished > bFinished }
        return (a.id ?? 0) > (b.id ?? 0)
    }
}
