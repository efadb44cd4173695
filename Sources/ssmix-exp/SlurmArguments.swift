import ArgumentParser
import Foundation
import Plans

/// Where a plan's cells run.
enum PlanExecutorKind: String, ExpressibleByArgument, CaseIterable {
    case local, slurm
}

/// The sbatch settings of `run --executor slurm`.
struct SlurmArguments: ParsableArguments {
    @Option(help: "Slurm partition (sbatch --partition).") var partition: String?
    @Option(help: "Wall-time limit per cell, e.g. 04:00:00 (default: 1.5 × the longest measured time of the array's cells + 10 min).")
    var time: String?
    @Option(help: "Cores per cell (sbatch --cpus-per-task; also the cell's compute threads).") var cpusPerTask: Int?
    @Option(help: "Memory per cell, e.g. 8G (sbatch --mem).") var mem: String?
    @Option(help: "Slurm account (sbatch --account).") var account: String?
    @Option(help: "A further sbatch argument, e.g. --extra-sbatch=--qos=long. Repeatable.") var extraSbatch: [String] = []

    /// True when any Slurm setting was given.
    var given: Bool { partition != nil || time != nil || cpusPerTask != nil || mem != nil || account != nil || !extraSbatch.isEmpty }

    var options: SlurmOptions {
        SlurmOptions(partition: partition, time: time, cpusPerTask: cpusPerTask ?? 2, memory: mem, account: account, extraArguments: extraSbatch)
    }
}

/// This program's own executable (what cells and array tasks run).
enum Executable {
    static var url: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }
}
