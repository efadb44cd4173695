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

    /// Reads the ledger, the database and the shard databases (every `*.sqlite` in `shards`, as
    /// cluster cells write them); any may be nil or missing. With `unfinished`, the databases'
    /// running, interrupted and failed runs are included too (for listings).
    /// - Throws: `FileLineError` for a ledger that does not parse, `RunStoreError` for a database
    ///   that does not open.
    public static func gather(database: URL?, ledger: URL?, shards: URL? = nil, unfinished: Bool = false) throws -> RunCollection {
        let ledgerRuns = try ledger.map { try ResultLedger.load(from: $0).runs } ?? []
        var localRuns: [RecordedRun] = []
        for path in [database].compactMap({ $0 }) + shardFiles(in: shards) {
            guard let store = try RunStore.openIfPresent(path: path) else { continue }
            localRuns += try store.recordedRuns().filter { unfinished || $0.record.status == .finished }
        }
        var byHash: [String: RecordedRun] = [:]
        for run in ledgerRuns { byHash[run.configHash] = run }
        var runs = ledgerRuns, notes: [String] = []
        for run in localRuns {
            guard let kept = byHash[run.configHash], kept.record.status == .finished else {
                if run.record.status == .finished { byHash[run.configHash] = run }
                runs.append(run)
                continue
            }
            guard run.record.status == .finished else { continue }
            if !kept.hasSameResults(as: run) {
                let engines = kept.record.engine == run.record.engine ? ""
                    : " under another compute engine (\(run.engines(against: kept)))"
                notes.append("\(run.source) (\(run.record.task) \(run.record.method) seed \(run.record.seed), run \(run.shortHash)) "
                             + "repeats \(kept.source)\(engines) with different results; counting \(kept.source)")
            }
        }
        return RunCollection(runs: runs, notes: notes)
    }

    /// The shard databases in `folder`, by name; none when the folder is nil or missing.
    public static func shardFiles(in folder: URL?) -> [URL] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".sqlite") }.sorted().map { folder.appendingPathComponent($0) }
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
