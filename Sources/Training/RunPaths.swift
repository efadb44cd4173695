import Foundation

/// Where runs keep their files.
public struct RunPaths: Sendable {
    public var dataDirectory: URL
    public var database: URL
    public var checkpoints: URL
    public var cache: URL
    /// Training states of unfinished runs (`states/<task>/<seed>/<method>-<hash>`).
    public var states: URL

    /// `data/`, `runs/ssmix.sqlite`, `runs/checkpoints/`, `runs/cache/`, `runs/states/` (or under the given folders).
    public init(dataDirectory: URL, database: URL, runsDirectory: URL? = nil) {
        self.dataDirectory = dataDirectory
        self.database = database
        let runs = runsDirectory ?? database.deletingLastPathComponent()
        checkpoints = runs.appendingPathComponent("checkpoints")
        cache = runs.appendingPathComponent("cache")
        states = runs.appendingPathComponent("states")
    }

    /// The file a normal run writes beside its best checkpoint when it finishes, naming its
    /// configuration hash, so that a mixup stage recorded in another database (a shard) can trust it.
    public func normalFinishedMarker(_ config: RunConfig) -> URL {
        normalCheckpoint(config).appendingPathComponent("finished-run.txt")
    }

    /// Where the run with configuration `config` keeps its training states.
    public func stateDirectory(_ config: RunConfig) -> URL {
        states.appendingPathComponent("\(config.task)/\(config.seed)/\(config.method.rawValue)-\(config.hash.prefix(12))")
    }

    /// The best checkpoint of the normal run with configuration `config`:
    /// `checkpoints/<task>/<seed>/normal-<first 12 hex digits of its hash>`, so that runs with other
    /// settings never overwrite it.
    public func normalCheckpoint(_ config: RunConfig) -> URL {
        checkpoints.appendingPathComponent("\(config.task)/\(config.seed)/normal-\(config.hash.prefix(12))")
    }
}
