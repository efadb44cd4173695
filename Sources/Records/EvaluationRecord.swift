import Foundation
import GRDB

/// One row of the `evaluations` table: one evaluation of a run on one split.
public struct EvaluationRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The database table.
    public static let databaseTableName = "evaluations"
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .iso8601 }
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .iso8601 }

    /// Row id; nil before the row is inserted.
    public var id: Int64?
    /// The run evaluated.
    public var runID: Int64
    /// Optimizer steps done when it was evaluated.
    public var step: Int
    /// Epoch (0-based) during which it was evaluated.
    public var epoch: Int
    /// The split evaluated, e.g. `dev` or `test`.
    public var split: String
    /// Accuracy as a fraction in [0, 1].
    public var accuracy: Double
    /// Mean loss on the split, when computed.
    public var loss: Double?
    /// When it was recorded.
    public var recorded: Date

    /// SQLite column names (snake_case).
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, runID = "run_id", step, epoch, split, accuracy, loss, recorded
    }

    /// Stores the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
