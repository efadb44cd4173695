import GRDB

/// A row of a run's progress (an evaluation or a checkpoint): rows the run records as it trains,
/// deleted when it restarts and carried in training states so another database can take them up.
protocol RunProgressRow: FetchableRecord, MutablePersistableRecord {
    /// Row id; nil before the row is inserted.
    var id: Int64? { get set }
    /// The run the row belongs to.
    var runID: Int64 { get set }
    /// Optimizer steps done when the row was recorded.
    var step: Int { get }
    /// What tells two rows of one run apart, ids aside.
    var progressKey: String { get }
}

extension RunProgressRow {
    /// Deletes a run's rows of this kind, or only those recorded after `step`.
    static func deleteRows(ofRun runID: Int64, after step: Int?, _ db: Database) throws {
        var rows = filter(Column("run_id") == runID)
        if let step { rows = rows.filter(Column("step") > step) }
        try rows.deleteAll(db)
    }

    /// Inserts the rows up to `step` that the run lacks; rows it holds keep their ids.
    static func insertMissing(_ rows: [Self], upTo step: Int, ofRun runID: Int64, _ db: Database) throws {
        let held = Set(try filter(Column("run_id") == runID).fetchAll(db).map(\.progressKey))
        for var row in rows where row.step <= step && !held.contains(row.progressKey) {
            row.id = nil
            row.runID = runID
            try row.insert(db)
        }
    }
}

extension EvaluationRecord: RunProgressRow {
    /// A run has one evaluation per step and split.
    var progressKey: String { "\(step) \(split)" }
}

extension CheckpointRecord: RunProgressRow {
    /// A run has one checkpoint row per step and path.
    var progressKey: String { "\(step) \(path)" }
}
