import FileSupport
import Mixup
import Foundation
import Records
import Training

/// Turns a plan into Slurm job arrays: one array of the normal cells, and one array per mixup
/// method whose task i continues normal task i (`--dependency=aftercorr`). Each task runs
/// `ssmix-exp run-cell` into its own shard database; scripts, cell lists and logs go to
/// `runs/slurm/<plan>/`.
public struct SlurmExecutor {
    public let runner: PlanRunner
    /// The plan file (absolute), the binary and the repository root the tasks run from.
    public let planFile: URL
    public let binary: URL
    public let workingDirectory: URL
    public let options: SlurmOptions

    public init(runner: PlanRunner, planFile: URL, binary: URL, workingDirectory: URL, options: SlurmOptions) {
        self.runner = runner; self.planFile = planFile; self.binary = binary; self.workingDirectory = workingDirectory; self.options = options
    }

    /// `runs/slurm/<plan>/`.
    public var directory: URL { runner.runsDirectory.appendingPathComponent("slurm/\(runner.plan.name)") }

    /// The log file of array `name`, task `index`.
    public func logFile(array name: String, index: Int) -> URL {
        directory.appendingPathComponent("logs/\(name)-\(index).out")
    }

    /// The arrays: the normal cells in plan order, then for each mixup method its cells aligned with them.
    public func arrays() -> [SlurmArray] {
        let stages = runner.plan.stages()
        let normals = stages.filter { $0.method == .normal }
        var arrays = [SlurmArray(name: MixMethod.normal.rawValue, cells: normals.map(\.cellID), waitsFor: nil)]
        for method in runner.plan.methods where method != .normal {
            let cells = normals.map { normal in
                stages.first { $0.method == method && $0.task == normal.task && $0.seed == normal.seed }?.cellID ?? ""
            }
            arrays.append(SlurmArray(name: method.rawValue, cells: cells, waitsFor: MixMethod.normal.rawValue))
        }
        return arrays
    }

    /// Writes each array's cell list and sbatch script; returns the scripts in submission order.
    public func writeScripts(estimates: [String: Double]) throws -> [URL] {
        try AtomicFile.createDirectory(directory.appendingPathComponent("logs"))
        return try arrays().map { array in
            let cellsFile = directory.appendingPathComponent("cells-\(array.name).txt")
            try AtomicFile.write(array.cells.joined(separator: "\n") + "\n", to: cellsFile)
            let script = directory.appendingPathComponent("\(array.name).sbatch")
            try AtomicFile.write(self.script(for: array, cellsFile: cellsFile, estimates: estimates), to: script)
            return script
        }
    }

    /// The sbatch script of one array.
    func script(for array: SlurmArray, cellsFile: URL, estimates: [String: Double]) -> String {
        var directives = [
            "--job-name=ssmix-\(runner.plan.name)-\(array.name)",
            "--array=0-\(array.cells.count - 1)",
            "--output=\(directory.path)/logs/\(array.name)-%a.out",
            "--cpus-per-task=\(options.cpusPerTask)",
            "--time=\(options.time ?? Self.timeLimit(array.cells.compactMap { estimates[$0] }))",
            "--requeue",
            "--signal=B:USR1@120",
        ]
        if let partition = options.partition { directives.append("--partition=\(partition)") }
        if let memory = options.memory { directives.append("--mem=\(memory)") }
        if let account = options.account { directives.append("--account=\(account)") }
        directives += options.extraArguments
        let lines = ["#!/bin/bash", "# \(runner.plan.name): \(array.name) cells (written by ssmix-exp run --executor slurm)"]
            + directives.map { "#SBATCH \($0)" }
            + [
                "set -euo pipefail",
                "cd \(Self.quoted(workingDirectory.path))",
                "CELL=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \(Self.quoted(cellsFile.path)))",
                "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\" OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
                "# exec, so that Slurm's USR1 warning (120 s before the time limit) reaches the trainer, which saves",
                "# its training state and stops; a requeued or resubmitted task continues from that state.",
                "exec \(Self.quoted(binary.path)) run-cell --plan \(Self.quoted(planFile.path)) --cell \"$CELL\" "
                    + "--data \(Self.quoted(runner.dataDirectory.path)) --db \(Self.quoted(runner.database.path)) "
                    + (runner.ledger.map { "--ledger \(Self.quoted($0.path))" } ?? "--no-ledger") + " --quiet",
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Checks every script with `sbatch --test-only` (an unknown partition or a refused setting
    /// stops here, before anything is submitted), then submits them (the mixup arrays held by
    /// `aftercorr` on the normal array); returns the job ids by array name.
    public func submit(_ scripts: [URL], sbatch: URL) throws -> [String: String] {
        for script in scripts {
            _ = try SlurmCommand.run(sbatch, ["--test-only", script.path])
        }
        var jobs: [String: String] = [:]
        for (array, script) in zip(arrays(), scripts) {
            var arguments = ["--parsable"]
            if let waitsFor = array.waitsFor, let job = jobs[waitsFor] { arguments.append("--dependency=aftercorr:\(job)") }
            let output = try SlurmCommand.run(sbatch, arguments + [script.path])
            guard let job = output.split(separator: ";").first.map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) }),
                  !job.isEmpty else {
                throw SlurmError("sbatch gave no job id for \(script.path)")
            }
            jobs[array.name] = job
        }
        return jobs
    }

    /// The cells squeue lists for this plan, as running or pending (none without squeue).
    public func queuedCells(squeue: URL?) -> [String: CellStatus.State] {
        guard let squeue, let output = try? SlurmCommand.run(squeue, ["--noheader", "--array", "--format=%i|%T|%j"]) else { return [:] }
        var cells: [String: CellStatus.State] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count == 3, let cell = cell(task: fields[0], jobName: fields[2]) else { continue }
            cells[cell] = fields[1] == "RUNNING" || fields[1] == "COMPLETING" ? .running : .pending
        }
        return cells
    }

    /// The cells whose latest array task Slurm's accounting records as failed (failed, timed out,
    /// out of memory, node failure, cancelled); none without `sacct` or with accounting off.
    public func failedCells(sacct: URL?) -> Set<String> {
        guard let sacct, let output = try? SlurmCommand.run(sacct, ["--noheader", "--parsable2", "--array", "--allocations",
                                                                    "--starttime=now-60days", "--format=JobID,JobName,State"]) else { return [] }
        var failed = Set<String>()
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count == 3, let cell = cell(task: fields[0], jobName: fields[1]) else { continue }
            let state = fields[2].split(separator: " ").first.map(String.init) ?? ""
            if ["FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "CANCELLED"].contains(state) { failed.insert(cell) } else { failed.remove(cell) }
        }
        return failed
    }

    /// The cell an array task (`<job>_<index>`) of this plan's job `ssmix-<plan>-<array>` runs.
    private func cell(task: String, jobName: String) -> String? {
        let prefix = "ssmix-\(runner.plan.name)-"
        guard jobName.hasPrefix(prefix), let index = task.split(separator: "_").last.flatMap({ Int($0) }),
              let cells = arrays().first(where: { $0.name == String(jobName.dropFirst(prefix.count)) })?.cells,
              cells.indices.contains(index) else { return nil }
        return cells[index]
    }

    /// 1.5 × the longest estimate plus 10 minutes, as D-HH:MM:SS; 1 day without estimates.
    static func timeLimit(_ seconds: [Double]) -> String {
        guard let longest = seconds.max() else { return "1-00:00:00" }
        let total = Int((longest * 1.5 + 600).rounded(.up))
        return String(format: "%d-%02d:%02d:%02d", total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
