import Foundation
import GRDB

/// One row of the `checkpoints` table: a checkpoint a run saved.
public struct CheckpointRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The database table.
    public static let databaseTableName = "checkpoints"
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .iso8601 }
    /// Dates are ISO-8601 UTC text.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .iso8601 }

    /// Row id; nil before the row is inserted.
    public var id: Int64?
    /// The run that saved it.
    public var runID: Int64
    /// Where the checkpoint lies.
    public var path: String
    /// Optimizer steps done when it was saved.
    public var step: Int
    /// The selection accuracy that made it worth saving, as a fraction.
    public var accuracy: Double
    /// When it was recorded.
    public var recorded: Date

    /// SQLite column names (snake_case).
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, runID = "run_id", path, step, accuracy, recorded
    }

    /// Stores the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
