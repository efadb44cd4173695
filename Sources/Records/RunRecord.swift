import Foundation
import GRDB

/// One row of the `runs` table: a single training stage (normal or mix) of one task, method and seed.
///
/// Accuracies are fractions in [0, 1]. Timestamps are stored as ISO-8601 UTC text.
public struct RunRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The database table.
    public static let databaseTableName = "runs"
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .iso8601 }
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .iso8601 }

    /// Row id; nil before the row is inserted.
    public var id: Int64?
    /// The full run configuration as JSON, written by the trainer.
    public var configJSON: String
    /// A hash of `configJSON`; equal hashes mean the same experiment.
    public var configHash: String
    /// Task name, e.g. `trec-coarse` or `anli-r1`.
    public var task: String
    /// Method name, e.g. `normal` or `ssmix`.
    public var method: String
    /// Random seed.
    public var seed: Int
    /// `normal` (first fine-tuning) or `mix` (second fine-tuning with a mixup method).
    public var stage: String
    /// `paper` (the released code's behaviour) or `fixed`.
    public var protocolName: String
    /// Encoder name, e.g. `all-MiniLM-L6-v2`.
    public var modelName: String
    /// sha256 of the encoder's weights file.
    public var modelSHA256: String
    /// The source revision that ran.
    public var gitCommit: String
    /// Host name of the machine that ran.
    public var host: String
    /// Process id of the process that ran (or runs) it, to tell a live run from an abandoned one.
    public var processID: Int32
    /// When the run started (or last resumed).
    public var started: Date
    /// When the run ended (finished, failed or was interrupted); nil while it runs.
    public var finished: Date?
    /// Where the run stands.
    public var status: RunStatus
    /// Wall-clock seconds of the whole run.
    public var wallSeconds: Double?
    /// Training throughput.
    public var examplesPerSecond: Double?
    /// Best accuracy on the selection split (GLUE dev, TREC test, ANLI dev).
    public var bestAccuracy: Double?
    /// Test accuracy recorded at the best selection accuracy (ANLI); nil for other tasks.
    public var bestTestAccuracy: Double?
    /// TMix and Manifold Mixup: how often each layer was drawn, as JSON (`{"0":12,"3":9}`); nil for other methods.
    public var mixLayers: String?
    /// The compute engine that ran it (numerics version and product kernels, `ComputeEngine.identity`);
    /// nil for runs recorded before engines were named.
    public var engine: String? = nil

    /// SQLite column names (snake_case).
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, task, method, seed, stage, host, started, finished, status
        case configJSON = "config_json", configHash = "config_hash", protocolName = "protocol"
        case modelName = "model_name", modelSHA256 = "model_sha256", gitCommit = "git_commit"
        case processID = "process_id", wallSeconds = "wall_seconds", examplesPerSecond = "examples_per_second"
        case bestAccuracy = "best_accuracy", bestTestAccuracy = "best_test_accuracy", mixLayers = "mix_layers", engine
    }

    /// Stores the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
