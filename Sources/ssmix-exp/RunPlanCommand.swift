import ArgumentParser
import Plans
import Records
import Reports
import Training
import Foundation

/// `ssmix-exp run --plan FILE`: every stage of a plan, then the reports.
struct RunPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment plan (tasks × methods × seeds), then write the reports.",
        discussion: """
        Stages run in dependency order: for each task and seed the normal stage, then each mixup method
        from its best checkpoint. Finished runs are skipped, so an interrupted plan resumes where it
        stopped. Progress shows the cell, how many are done and the plan's ETA from measured stage
        times (the ledger's and the database's). The plan format is described in experiments/README.md.
        Afterwards `ssmix-exp export` adds the finished full-recipe runs to the ledger.
        Examples:
          ssmix-exp run --plan experiments/trec.toml
          ssmix-exp run --plan experiments/smoke.toml
        """
    )

    @Option(help: "Plan file (TOML).") var plan: String
    @Option(help: "Data directory written by download-tsv.") var data = "data"
    @Option(help: "SQLite database that records runs.") var db = "runs/ssmix.sqlite"
    @Option(help: "Where the reports go.") var out = "reports"
    @Option(help: "The committed results ledger the reports count with the database.") var ledger = "reports/ledger.jsonl"
    @Flag(help: "Do not write the reports at the end.") var noReport = false
    @Flag(help: "No progress output on stderr.") var quiet = false

    func run() throws {
        let loaded = try ExperimentPlan.load(from: URL(fileURLWithPath: plan))
        let lines = try PlanRunner(plan: loaded, dataDirectory: URL(fileURLWithPath: data), database: URL(fileURLWithPath: db),
                                   ledger: URL(fileURLWithPath: ledger), quiet: quiet).run()
        lines.forEach { print($0) }
        guard !noReport else { return }
        let output = try ReportGenerator.run(ReportRequest(
            tables: [.table2, .tableA1, .tableB1], includeGains: true, format: .markdown, protocolName: loaded.trainingProtocol.rawValue,
            databasePath: URL(fileURLWithPath: db), ledgerPath: URL(fileURLWithPath: ledger), paperTablesPath: nil,
            outputDirectory: URL(fileURLWithPath: out), drawCharts: true, date: Date()))
        print("reports: " + output.writtenFiles.map(\.lastPathComponent).joined(separator: ", "))
    }
}
