import GRDB

/// The run database's schema, one registered migration per version. Never edit a shipped
/// migration: add a new one.
enum RunStoreSchema {
    /// All migrations in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, evaluations, checkpoints") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("config_json", .text).notNull()
                t.column("config_hash", .text).notNull().indexed()
                t.column("task", .text).notNull()
                t.column("method", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("stage", .text).notNull()
                t.column("protocol", .text).notNull()
                t.column("model_name", .text).notNull()
                t.column("model_sha256", .text).notNull()
                t.column("git_commit", .text).notNull()
                t.column("host", .text).notNull()
                t.column("process_id", .integer).notNull()
                t.column("started", .text).notNull()
                t.column("finished", .text)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('running', 'finished', 'interrupted', 'failed')")
                t.column("wall_seconds", .double)
                t.column("examples_per_second", .double)
                t.column("best_accuracy", .double)
                t.column("best_test_accuracy", .double)
            }
            try db.create(table: "evaluations") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("step", .integer).notNull()
                t.column("epoch", .integer).notNull()
                t.column("split", .text).notNull()
                t.column("accuracy", .double).notNull()
                t.column("loss", .double)
                t.column("recorded", .text).notNull()
            }
            try db.create(table: "checkpoints") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("step", .integer).notNull()
                t.column("accuracy", .double).notNull()
                t.column("recorded", .text).notNull()
            }
        }
        migrator.registerMigration("v2: layers drawn by TMix and Manifold Mixup") { db in
            try db.alter(table: "runs") { t in t.add(column: "mix_layers", .text) }
        }
        migrator.registerMigration("v3: the compute engine that ran") { db in
            try db.alter(table: "runs") { t in t.add(column: "engine", .text) }
        }
        return migrator
    }
}
