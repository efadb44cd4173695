import FileSupport
import Foundation
import Records
import Training

/// Runs a plan's cells as `ssmix-exp run-cell` processes, up to `jobs` at once, each with its
/// share of the cores (`OPENBLAS_NUM_THREADS`) and its own shard; a mixup cell starts once its
/// normal cell finished, and a failed cell stops only the cells that wait for it. The shards are
/// merged into the plan's database at the end. SIGINT, SIGTERM or SIGUSR1 stops the pool: each
/// running cell is sent SIGTERM (it saves its training state and marks its run interrupted), no
/// further cell starts, and the shards are merged before the pool exits.
public struct LocalExecutor {
    public let runner: PlanRunner
    public let planFile: URL
    public let binary: URL
    public let jobs: Int

    public init(runner: PlanRunner, planFile: URL, binary: URL, jobs: Int) {
        self.runner = runner; self.planFile = planFile; self.binary = binary; self.jobs = jobs
    }

    /// What the pool did: one line per cell.
    public func run() throws -> [String] {
        try runner.checkPlan()
        let statuses = try runner.statuses()
        var waiting = statuses.filter { !$0.isDone }.map(\.stage)
        var finished = Set(statuses.filter(\.isDone).map(\.stage.cellID))
        var failed = Set<String>()
        var running: [String: (process: Process, stage: PlanStage, started: Date)] = [:]
        var lines = statuses.compactMap(PlanRunner.skipLine)
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / jobs)
        let estimates = Dictionary(statuses.map { ($0.stage.cellID, $0.seconds) }, uniquingKeysWith: { a, _ in a })
        let started = Date()
        Interruption.shared.install()
        var stopping = false
        while !waiting.isEmpty || !running.isEmpty {
            if Interruption.shared.isRequested && !stopping {
                stopping = true
                waiting.removeAll()
                running.values.forEach { $0.process.terminate() }
                if !runner.quiet {
                    FileHandle.standardError.write(Data("plan \(runner.plan.name): stopping; waiting for \(running.count) running cell(s) to save their training state\n".utf8))
                }
            }
            for stage in waiting where running.count < jobs {
                if let dependency = stage.dependencyID, failed.contains(dependency) {
                    failed.insert(stage.cellID)
                    lines.append("\(stage.cellID): not run, \(dependency) failed")
                    waiting.removeAll { $0.cellID == stage.cellID }
                    continue
                }
                guard stage.dependencyID.map(finished.contains) ?? true else { continue }
                running[stage.cellID] = (try start(stage, threads: threads), stage, Date())
                waiting.removeAll { $0.cellID == stage.cellID }
                report(running: running, waiting: waiting, estimates: estimates, started: started)
            }
            usleep(200_000)
            for (id, job) in running where !job.process.isRunning {
                running[id] = nil
                let seconds = DurationText.format(Date().timeIntervalSince(job.started))
                if job.process.terminationStatus == 0 {
                    finished.insert(id)
                    lines.append("\(id): finished in \(seconds)")
                } else if stopping {
                    lines.append("\(id): stopped after \(seconds); it continues from its training state when the plan runs again")
                } else {
                    failed.insert(id)
                    lines.append("\(id): failed after \(seconds) (exit \(job.process.terminationStatus)); see \(runner.shard(for: id).path)")
                }
                report(running: running, waiting: waiting, estimates: estimates, started: started)
            }
        }
        try ShardMerge(database: runner.database, shards: runner.shardsDirectory).mergeIntoDatabase()
        if stopping { throw RunInterrupted() }
        if !failed.isEmpty { throw TrainingError.invalidSetting("\(failed.count) cell(s) failed or did not run: \(failed.sorted().joined(separator: ", "))") }
        return lines
    }

    private func start(_ stage: PlanStage, threads: Int) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run-cell", "--plan", planFile.path, "--cell", stage.cellID, "--data", runner.dataDirectory.path,
                             "--db", runner.database.path, "--quiet"] + (runner.ledger.map { ["--ledger", $0.path] } ?? ["--no-ledger"])
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(threads)
        environment["OMP_NUM_THREADS"] = String(threads)   // oneDNN's threads: the same share of the cores
        process.environment = environment
        try process.run()
        return process
    }

    private func report(running: [String: (process: Process, stage: PlanStage, started: Date)], waiting: [PlanStage],
                        estimates: [String: Double?], started: Date) {
        guard !runner.quiet else { return }
        let now = Date()
        let cells = running.sorted { $0.key < $1.key }.map { "\($0.key) (\(DurationText.format(now.timeIntervalSince($0.value.started))))" }
        let left = waiting.map { estimates[$0.cellID] ?? nil }
            + running.values.map { job in (estimates[job.stage.cellID] ?? nil).map { max(0, $0 - now.timeIntervalSince(job.started)) } }
        let eta = PlanRunner.remainingText(left, machines: jobs)
        let runningText = cells.isEmpty ? "nothing running" : "running \(cells.joined(separator: ", "))"
        FileHandle.standardError.write(Data(("plan \(runner.plan.name): \(runningText); \(waiting.count) waiting; "
            + "elapsed \(DurationText.format(now.timeIntervalSince(started))); plan ETA \(eta)\n").utf8))
    }
}
