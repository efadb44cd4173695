import ArgumentParser
import Autodiff

/// The `ssmix-exp` command: one subcommand per job (data, training, reports, benchmarks).
@main
struct SSMixExp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssmix-exp",
        abstract: "Reproduce SSMix (Findings of ACL 2021) on a CPU: data, fine-tuning, mixup, reports.",
        discussion: """
        Start with `make reproduce`, or step by step:
          ssmix-exp download-tsv --tasks trec --mirror ../shared/data
          ssmix-exp train-normal --task trec-coarse --seed 0
        Every subcommand has --help.
        """,
        subcommands: [
            BenchCommand.self,
            TrainNormalCommand.self,
            TrainMixCommand.self,
            AblateCommand.self,
            RunPlanCommand.self,
            DownloadTSVCommand.self,
            RunsCommand.self,
            ReportCommand.self,
            CheckCommand.self,
            ExportCommand.self,
            MergeCommand.self,
            RunCellCommand.self,
            StatusCommand.self,
            TokenizeCommand.self,
            PredictCommand.self,
            EnvironmentCommand.self,
        ]
    )

    /// Sets up the compute environment (OpenBLAS's fast kernels, freed memory kept for reuse; see
    /// ``ComputeEnvironment``), then runs the command line.
    static func main() {
        ComputeEnvironment.reexecuteIfNeeded()
        main(nil)
    }
}
