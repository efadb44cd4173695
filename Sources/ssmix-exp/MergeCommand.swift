import ArgumentParser
import Foundation
import Plans
import Records

/// `ssmix-exp merge`: folds the shard databases into the database and the ledger.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Fold the shards cells wrote (runs/shards/*.sqlite) into the database and the results ledger.",
        discussion: """
        A run is its configuration hash: runs the database already holds finished are left alone, \
        so merging twice adds nothing. Finished full-recipe runs then go to the ledger as \
        `ssmix-exp export` adds them. `report` reads the shards too, so tables are current \
        before a merge.

        Example:
          ssmix-exp merge && git add reports/ledger.jsonl
        """)

    @Option(help: "The plan's database (its shards sit in runs/shards/ beside it).") var db = "runs/ssmix.sqlite"
    @Option(help: "The ledger to add to.") var ledger = "reports/ledger.jsonl"

    func run() throws {
        let database = URL(fileURLWithPath: db)
        let shards = database.deletingLastPathComponent().appendingPathComponent("shards")
        let added = try ShardMerge(database: database, shards: shards).mergeIntoDatabase()
        print("\(db): added \(added) finished run(s) from \(RunCollection.shardFiles(in: shards).count) shard(s) in \(shards.path)")
        guard FileManager.default.fileExists(atPath: database.path) else { return }
        try ExportCommand.export(database: db, ledger: ledger, includeCapped: false)
    }
}
