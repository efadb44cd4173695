import ArgumentParser
import FileSupport
import Foundation
import Plans

/// `ssmix-exp status`: each cell of a plan as finished, running, pending, failed or interrupted.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each cell of a plan as finished, running, pending, failed or interrupted.",
        discussion: """
        States come from the plan's database and its shards, and, where Slurm's `squeue` and \
        `sacct` are on PATH, from the queue (a cell queued or running there) and the accounting \
        (a task that failed, timed out or was cancelled). A failed cell names its Slurm log.

        Example:
          ssmix-exp status --plan experiments/trec.toml
        """)

    @Option(help: "Plan file (TOML).") var plan: String
    @Option(help: "Data directory written by download-tsv.") var data = "data"
    @Option(help: "The plan's database (its shards sit in runs/shards/ beside it).") var db = "runs/ssmix.sqlite"
    @Option(help: "The results ledger: its cells show as `in ledger` (finished elsewhere), and its wall times inform the estimates.") var ledger = "reports/ledger.jsonl"

    func run() throws {
        let loaded = try ExperimentPlan.load(from: URL(fileURLWithPath: plan))
        let runner = PlanRunner(plan: loaded, dataDirectory: URL(fileURLWithPath: data), database: URL(fileURLWithPath: db),
                                ledger: URL(fileURLWithPath: ledger), quiet: true)
        let slurm = SlurmExecutor(runner: runner, planFile: URL(fileURLWithPath: plan), binary: Executable.url,
                                  workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), options: SlurmOptions())
        let queued = slurm.queuedCells(squeue: ExecutableSearch.find("squeue"))
        var logs: [String: String] = [:]
        for array in slurm.arrays() {
            for (index, cell) in array.cells.enumerated() {
                let log = slurm.logFile(array: array.name, index: index)
                if FileManager.default.fileExists(atPath: log.path) { logs[cell] = log.path }
            }
        }
        let failed = slurm.failedCells(sacct: ExecutableSearch.find("sacct"))
        print(PlanRunner.renderCells(try runner.statuses(queued: queued, ran: Set(logs.keys).union(failed))) { logs[$0] }, terminator: "")
    }
}
