import ArgumentParser
import Autodiff

/// `ssmix-exp environment`: the variables every computing process runs under.
struct EnvironmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "environment",
        abstract: "Print the environment ssmix-exp computes under (OpenBLAS kernels, allocator), as NAME=value lines.",
        discussion: """
        ssmix-exp sets these itself at start-up; other programs that run our code (the test \
        suite) get the same kernels and allocator settings by running under them, as `make test` \
        does:
          env $(ssmix-exp environment) swift test
        """)

    func run() {
        for (name, value) in ComputeEnvironment.variables().sorted(by: { $0.key < $1.key }) { print("\(name)=\(value)") }
    }
}
