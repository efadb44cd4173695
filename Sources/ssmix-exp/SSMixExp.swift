import ArgumentParser

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
            TokenizeCommand.self,
        ]
    )
}
