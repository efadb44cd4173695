import Foundation

/// The finished runs that reports, checks and listings count: the committed ledger's and the
/// local database's, each run once (one configuration hash, one run).
public struct RunCollection: Sendable {
    /// Ledger runs in file order, then database runs the ledger does not hold, oldest first.
    public let runs: [RecordedRun]
    /// One line per local run that repeats a ledger run with different results (the ledger's counts).
    public let notes: [String]

    /// Collects the pieces.
    public init(runs: [RecordedRun], notes: [String] = []) {
        self.runs = runs
        self.notes = notes
    }

    /// Reads the ledger and the database; either may be nil or missing. With `unfinished`, the
    /// database's running, interrupted and failed runs are included too (for listings).
    /// - Throws: `LedgerError` for a ledger that does not parse, `RunStoreError` for a database
    ///   that does not open.
    public static func gather(database: URL?, ledger: URL?, unfinished: Bool = false) throws -> RunCollection {
        let ledgerRuns = try ledger.map { try ResultLedger.load(from: $0).runs } ?? []
        let store = try database.flatMap { try RunStore.openIfPresent(path: $0) }
        let localRuns = try store.map { try unfinished ? $0.recordedRuns() : $0.recordedRuns().filter { $0.record.status == .finished } } ?? []
        var byHash: [String: RecordedRun] = [:]
        for run in ledgerRuns { byHash[run.configHash] = run }
        var runs = ledgerRuns, notes: [String] = []
        for run in localRuns {
            guard let kept = byHash[run.configHash] else {
                byHash[run.configHash] = run
                runs.append(run)
                continue
            }
            if !kept.hasSameResults(as: run) {
                notes.append("\(run.source) (\(run.record.task) \(run.record.method) seed \(run.record.seed), run \(run.shortHash)) "
                             + "repeats \(kept.source) with different results; counting \(kept.source)")
            }
        }
        return RunCollection(runs: runs, notes: notes)
    }
}

extension RunStore {
    /// Every run with its evaluations, oldest first.
    public func recordedRuns() throws -> [RecordedRun] {
        try runs().compactMap { record in
            guard let id = record.id else { return nil }
            return RecordedRun(record: record, evaluations: try evaluations(runID: id), source: .database(path: path.path, id: id))
        }
    }
}
