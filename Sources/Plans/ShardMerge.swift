import Foundation
import Records

/// Folds the shard databases that cluster or pool cells wrote into the plan's database, and
/// (non-capped) finished runs into the results ledger. Both are idempotent: a run is its
/// configuration hash, so merging twice adds nothing.
public struct ShardMerge {
    public let database: URL
    public let shards: URL

    public init(database: URL, shards: URL) {
        self.database = database; self.shards = shards
    }

    /// Copies every finished shard run the database lacks; returns how many were added. A shard
    /// that does not open is named in the error and left untouched.
    @discardableResult
    public func mergeIntoDatabase() throws -> Int {
        let files = RunCollection.shardFiles(in: shards)
        guard !files.isEmpty else { return 0 }
        let store = try RunStore(path: database)
        var added = 0
        for file in files {
            guard let shard = try RunStore.openIfPresent(path: file) else { continue }
            for run in try shard.recordedRuns() where run.record.status == .finished {
                if try store.importRun(run) { added += 1 }
            }
        }
        return added
    }
}
