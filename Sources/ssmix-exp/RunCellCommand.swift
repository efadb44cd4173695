import ArgumentParser
import Foundation
import Plans

/// `ssmix-exp run-cell`: one cell of a plan, recorded in its own shard (what a Slurm array task or
/// a local pool worker runs).
struct RunCellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-cell",
        abstract: "Run one cell of a plan into its shard database (runs/shards/<cell>.sqlite).",
        discussion: """
        Cells are named <task>-s<seed>-<method>, as `ssmix-exp run --plan P --dry-run` lists them. \
        A mixup cell continues the best checkpoint its normal cell left in the runs folder (trained \
        first when missing). The shard keeps writers apart on a shared file system; `ssmix-exp \
        merge` folds shards into the database and the ledger. A killed cell continues from its \
        training state when run again.

        Example:
          ssmix-exp run-cell --plan experiments/smoke.toml --cell trec-coarse-s0-ssmix
        """)

    @Option(help: "Plan file (TOML).") var plan: String
    @Option(help: "The cell, e.g. trec-coarse-s0-ssmix.") var cell: String
    @Option(help: "Data directory written by download-tsv.") var data = "data"
    @Option(help: "The plan's database; the shard, checkpoints and states go beside it (runs/shards/, runs/checkpoints/, runs/states/).")
    var db = "runs/ssmix.sqlite"
    @Option(help: "The results ledger: a cell whose run it holds is skipped (a normal cell still runs when a mixup cell needs its checkpoint).")
    var ledger = "reports/ledger.jsonl"
    @Flag(help: "Ignore the ledger: run the cell unless this machine's database or shards hold it.") var noLedger = false
    @Flag(help: "No progress output on stderr.") var quiet = false

    func run() throws {
        let loaded = try ExperimentPlan.load(from: URL(fileURLWithPath: plan))
        let runner = PlanRunner(plan: loaded, dataDirectory: URL(fileURLWithPath: data), database: URL(fileURLWithPath: db),
                                ledger: noLedger ? nil : URL(fileURLWithPath: ledger), quiet: quiet)
        print(try runner.runCell(id: cell, database: runner.shard(for: cell)))
    }
}
