import ArgumentParser
import Plans
import Records
import Reports
import Training
import Foundation

/// `ssmix-exp runs`: lists the recorded runs with their status and best accuracy.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the recorded runs with their status and best accuracy.",
        discussion: """
        Runs whose process has died without finishing are marked `interrupted` first; running \
        the same configuration again resumes them. Accuracies are percentages: `best %` on the \
        selection split (GLUE dev, TREC test, ANLI dev), `test %` at that point (ANLI).
        """)

    @Option(name: .long, help: "The run database.")
    var db: String = "runs/ssmix.sqlite"

    func run() throws {
        let path = URL(fileURLWithPath: db)
        guard let store = try RunStore.openIfPresent(path: path) else {
            print("No run database at \(db) yet: train something first, e.g. `ssmix-exp run --plan experiments/quick.toml`.")
            return
        }
        try store.markAbandonedRunsInterrupted()
        let runs = try store.runs()
        guard !runs.isEmpty else {
            print("No runs recorded in \(db) yet: start with `ssmix-exp run --plan experiments/quick.toml`.")
            return
        }
        print(try RunListing.render(runs: runs) { try store.evaluations(runID: $0) }, terminator: "")
    }
}
