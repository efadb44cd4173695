import ArgumentParser
import FileSupport
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
        Stages run in dependency order: for each task and seed the normal stage, then each mixup \
        method from its best checkpoint. Finished runs are skipped, so an interrupted plan resumes \
        where it stopped; so are cells the results ledger holds (finished on another machine), \
        except a normal cell whose checkpoint a mixup cell still needs. Progress shows the cell, \
        how many are done and the plan's ETA from measured stage times (the ledger's and the \
        database's). The plan format is described in experiments/README.md. Afterwards \
        `ssmix-exp export` adds the finished full-recipe runs to the ledger.

        --dry-run lists the cells (a mixup cell waits for the normal cell of its task and seed), \
        which are finished and the time each needs from measured runs, and runs nothing. \
        --jobs N runs up to N cells at once on this machine, the cores split between them. \
        --executor slurm submits the plan as Slurm job arrays (scripts in runs/slurm/<plan>/; \
        with --dry-run they are written, not submitted); see docs/cluster.md, and \
        `ssmix-exp status` / `ssmix-exp merge` afterwards.

        Examples:
          ssmix-exp run --plan experiments/trec.toml
          ssmix-exp run --plan experiments/trec.toml --dry-run
          ssmix-exp run --plan experiments/smoke.toml --jobs 2
          ssmix-exp run --plan experiments/small.toml --executor slurm --partition cpu --cpus-per-task 8
        """
    )

    @Option(help: "Plan file (TOML).") var plan: String
    @Option(help: "Data directory written by download-tsv.") var data = "data"
    @Option(help: "SQLite database that records runs.") var db = "runs/ssmix.sqlite"
    @Option(help: "Where the reports go.") var out = "reports"
    @Option(help: "The committed results ledger: the reports count it with the database, and its cells are not run again (a normal cell still runs when a mixup cell needs its checkpoint).")
    var ledger = "reports/ledger.jsonl"
    @Flag(help: "Ignore the ledger: run every cell this machine's database and shards do not hold, and report from them only.") var noLedger = false
    @Flag(help: "Do not write the reports at the end.") var noReport = false
    @Flag(help: "No progress output on stderr.") var quiet = false
    @Flag(help: "List the cells, their dependencies, which are finished and their estimated time; run nothing (with --executor slurm: write the scripts, submit nothing).")
    var dryRun = false
    @Option(help: "Run up to N cells at once on this machine (local executor), the cores split between them.") var jobs: Int?
    @Option(help: "local (this machine) or slurm (job arrays submitted with sbatch).") var executor = PlanExecutorKind.local
    @OptionGroup var slurm: SlurmArguments

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if executor == .slurm, jobs != nil { throw ValidationError("--jobs is for the local executor; Slurm runs as many cells as the cluster allows") }
        if executor == .local, slurm.given { throw ValidationError("--partition, --time, --cpus-per-task, --mem, --account and --extra-sbatch need --executor slurm") }
    }

    func run() throws {
        let loaded = try ExperimentPlan.load(from: URL(fileURLWithPath: plan))
        let ledgerFile = noLedger ? nil : URL(fileURLWithPath: ledger)
        let runner = PlanRunner(plan: loaded, dataDirectory: URL(fileURLWithPath: data), database: URL(fileURLWithPath: db),
                                ledger: ledgerFile, quiet: quiet)
        if executor == .slurm { return try submitToSlurm(runner) }
        if dryRun { return print(PlanRunner.renderCells(try runner.statuses()), terminator: "") }
        let lines = try jobs.map { try LocalExecutor(runner: runner, planFile: URL(fileURLWithPath: plan), binary: Executable.url, jobs: $0).run() }
            ?? runner.run()
        lines.forEach { print($0) }
        guard !noReport else { return }
        let output = try ReportGenerator.run(ReportRequest(
            tables: [.table2, .tableA1, .tableB1], includeGains: true, format: .markdown, protocolName: loaded.trainingProtocol.rawValue,
            databasePath: URL(fileURLWithPath: db), ledgerPath: ledgerFile, paperTablesPath: nil,
            outputDirectory: URL(fileURLWithPath: out), drawCharts: true, date: Date()))
        print("reports: " + output.writtenFiles.map(\.lastPathComponent).joined(separator: ", "))
    }

    private func submitToSlurm(_ runner: PlanRunner) throws {
        let sbatch = ExecutableSearch.find("sbatch")
        if !dryRun && sbatch == nil { throw ValidationError("--executor slurm: no sbatch on PATH; run on a Slurm login node, or add --dry-run to write the scripts only") }
        try runner.checkPlan()
        let executor = SlurmExecutor(runner: runner, planFile: URL(fileURLWithPath: plan).standardizedFileURL, binary: Executable.url,
                                     workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), options: slurm.options)
        let statuses = try runner.statuses()
        let estimates = Dictionary(statuses.compactMap { status in status.seconds.map { (status.stage.cellID, $0) } }, uniquingKeysWith: { a, _ in a })
        let scripts = try executor.writeScripts(estimates: estimates)
        scripts.forEach { print("wrote \($0.path)") }
        guard !dryRun, let sbatch else { return print("dry run: nothing submitted; submit with `ssmix-exp run --plan \(plan) --executor slurm`") }
        let jobIDs = try executor.submit(scripts, sbatch: sbatch)
        for array in executor.arrays() { print("submitted \(array.name): job \(jobIDs[array.name] ?? "?") (\(array.cells.count) cells)") }
        print("follow with `ssmix-exp status --plan \(plan)`; when done, `ssmix-exp merge` and `ssmix-exp report --table all --out reports`")
    }
}
