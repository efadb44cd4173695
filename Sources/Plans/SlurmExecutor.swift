import FileSupport
import Mixup
import Foundation
import Records
import Training

/// The sbatch settings of a Slurm submission.
public struct SlurmOptions: Sendable {
    public var partition: String?
    /// Wall-time limit per array task (`--time`); nil: from the cells' estimates.
    public var time: String?
    public var cpusPerTask: Int
    public var memory: String?
    public var account: String?
    /// Further `#SBATCH` arguments, each as given (e.g. `--qos=long`).
    public var extraArguments: [String]

    public init(partition: String? = nil, time: String? = nil, cpusPerTask: Int = 2, memory: String? = nil, account: String? = nil,
                extraArguments: [String] = []) {
        self.partition = partition; self.time = time; self.cpusPerTask = cpusPerTask; self.memory = memory
        self.account = account; self.extraArguments = extraArguments
    }
}

/// One Slurm job array: its name, its cells in array-index order, and the array it waits for.
public struct SlurmArray: Sendable, Equatable {
    /// `normal` or a mixup method.
    public let name: String
    /// Cell ids; array task i runs cell i.
    public let cells: [String]
    /// `normal` for a mixup array (task i waits for normal task i: `aftercorr`), nil for the normal array.
    public let waitsFor: String?
}

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
                "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
                "# exec, so that Slurm's USR1 warning (120 s before the time limit) reaches the trainer, which saves",
                "# its training state and stops; a requeued or resubmitted task continues from that state.",
                "exec \(Self.quoted(binary.path)) run-cell --plan \(Self.quoted(planFile.path)) --cell \"$CELL\" "
                    + "--data \(Self.quoted(runner.dataDirectory.path)) --db \(Self.quoted(runner.database.path)) --quiet",
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
        guard let squeue, let output = try? SlurmCommand.run(squeue, ["--noheader", "--array", "--format=%i %T %j"]) else { return [:] }
        let byName = Dictionary(uniqueKeysWithValues: arrays().map { ($0.name, $0.cells) })
        var cells: [String: CellStatus.State] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 3, fields[2].hasPrefix("ssmix-\(runner.plan.name)-"),
                  let index = fields[0].split(separator: "_").last.flatMap({ Int($0) }) else { continue }
            let array = String(fields[2].dropFirst("ssmix-\(runner.plan.name)-".count))
            guard let list = byName[array], list.indices.contains(index) else { continue }
            cells[list[index]] = fields[1] == "RUNNING" || fields[1] == "COMPLETING" ? .running : .pending
        }
        return cells
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

/// Runs a Slurm client command and returns its output, or throws its message.
public enum SlurmCommand {
    public static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: "; ")
            throw SlurmError("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `name` on PATH, or nil.
    public static func locate(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// A Slurm problem, in one line.
public struct SlurmError: Error, CustomStringConvertible, LocalizedError {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
