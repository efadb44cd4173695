import ArgumentParser
import Foundation
import Records
import Reports

/// `ssmix-exp runs`: lists the recorded runs with their status and best accuracy, or the runs
/// behind one report cell.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the recorded runs (local database and ledger), or the runs behind one report cell.",
        discussion: """
        Each run is named by the first 12 digits of its configuration hash, the same on every \
        machine, and by its source (`runs/ssmix.sqlite run 12` or `reports/ledger.jsonl:3`). Runs \
        whose process has died without finishing are marked `interrupted` first; running the \
        same configuration again resumes them. Accuracies are percentages: `best %` on the \
        selection split (GLUE dev, TREC test, ANLI dev), `test %` at that point (ANLI).

        Examples:
          ssmix-exp runs
          ssmix-exp runs --cell trec-fine ssmix
        """)

    @OptionGroup var sources: ResultSourceOptions

    @Option(parsing: .upToNextOption, help: "TASK METHOD: only the runs a report counts in this cell (e.g. --cell trec-fine ssmix).")
    var cell: [String] = []

    func validate() throws {
        guard cell.isEmpty || cell.count == 2 else {
            throw ValidationError("--cell takes a task and a method, e.g. --cell trec-fine ssmix")
        }
    }

    func run() throws {
        if let store = try RunStore.openIfPresent(path: sources.databaseURL) { try store.markAbandonedRunsInterrupted() }
        let collection = try sources.gather(unfinished: cell.isEmpty)
        guard !collection.runs.isEmpty else {
            print("No runs in \(sources.db) or \(sources.ledger) yet: start with `ssmix-exp run --plan experiments/smoke.toml`.")
            return
        }
        guard cell.count == 2 else {
            print(RunListing.render(runs: collection.runs), terminator: "")
            return
        }
        try printCell(task: cell[0], method: cell[1], collection: collection)
    }

    private func printCell(task: String, method: String, collection: RunCollection) throws {
        guard ExperimentCatalog.tasks.contains(task) else {
            throw ValidationError("--cell: unknown task \(task); choose one of \(ExperimentCatalog.tasks.joined(separator: ", "))")
        }
        guard ExperimentCatalog.methods.contains(method) else {
            throw ValidationError("--cell: unknown method \(method); choose one of \(ExperimentCatalog.methods.joined(separator: ", "))")
        }
        let results = MeasuredResults(runs: collection.runs, protocolName: sources.trainingProtocol.rawValue,
                                      precision: sources.precision.rawValue)
        let counted = results.runs.filter { $0.record.task == task && $0.record.method == method }
        let others = collection.runs.filter {
            $0.record.task == task && $0.record.method == method && !counted.map(\.configHash).contains($0.configHash)
        }
        print("\(task) / \(method), protocol \(sources.trainingProtocol.rawValue): \(counted.count) run(s) counted")
        if !counted.isEmpty { print(RunListing.render(runs: counted), terminator: "") }
        if !others.isEmpty {
            print("\nAlso recorded, not counted (another protocol, or superseded by a full-recipe or later run of the same seed):")
            print(RunListing.render(runs: others), terminator: "")
        }
    }
}
