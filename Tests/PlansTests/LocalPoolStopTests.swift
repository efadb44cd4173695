import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
import XCTest

/// `run --jobs 2` stopped with SIGTERM: its running cells are stopped with it (none is left
/// running on its own) and save their training state; the plan run again in one process, which
/// records into the plan's database instead of the shards, continues them from those states with
/// the evaluations the shards had recorded.
final class LocalPoolStopTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }
    override func tearDownWithError() throws { if let directory { try? FileManager.default.removeItem(at: directory) } }

    /// Two independent normal cells (seeds 0 and 1) long enough to be stopped mid-run.
    private func plan() throws -> String {
        try TRECWorkspace.writePlan(in: directory, name: "pool", methods: ["normal"], seeds: [0, 1],
                                    overrides: ["epochs = 2", "max-train-examples = 512", "batch-size = 8", "eval-every = 64"]).path
    }

    private let cells = ["trec-coarse-s0-normal", "trec-coarse-s1-normal"]

    /// Each cell's run in its shard (nil before the shard holds one) with its evaluations.
    private func shardRuns(_ shards: URL) throws -> [String: (run: RunRecord, evaluations: [EvaluationRecord])] {
        var runs: [String: (run: RunRecord, evaluations: [EvaluationRecord])] = [:]
        for cell in cells {
            guard let store = try RunStore.openIfPresent(path: shards.appendingPathComponent("\(cell).sqlite")),
                  let run = try store.runs().first, let id = run.id else { continue }
            runs[cell] = (run, try store.evaluations(runID: id))
        }
        return runs
    }

    /// Processes whose command line names `text`.
    private func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains(text) ? line : nil
        }
    }

    func testStoppingThePoolStopsItsCellsAndThePlanContinuesThemInItsDatabase() throws {
        let planFile = try plan()
        let database = directory.appendingPathComponent("runs/ssmix.sqlite")
        let shards = directory.appendingPathComponent("runs/shards")
        let arguments = ["run", "--plan", planFile, "--db", database.path, "--data", directory.appendingPathComponent("data").path,
                         "--no-ledger", "--no-report", "--jobs", "2"]
        let pool = Process()
        pool.executableURL = TestPaths.binary
        pool.arguments = arguments
        pool.standardError = FileHandle.nullDevice
        try pool.run()

        // Stop once both cells have recorded an evaluation (stopped, each saves its state).
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline, try shardRuns(shards).values.filter({ !$0.evaluations.isEmpty }).count < 2 {
            usleep(200_000)
        }
        let before = try shardRuns(shards)
        XCTAssertEqual(before.values.filter { $0.run.status == .running && !$0.evaluations.isEmpty }.count, 2, "both cells evaluated")
        pool.terminate()
        pool.waitUntilExit()

        XCTAssertNotEqual(pool.terminationStatus, 0, "a stopped plan does not exit as finished")
        XCTAssertEqual(processes(mentioning: planFile), [], "no cell keeps running after the pool stopped")
        let stopped = try shardRuns(shards)
        for cell in cells {
            XCTAssertEqual(stopped[cell]?.run.status, .interrupted, "\(cell) saved its state and marked its run interrupted")
        }

        let again = try CommandResult.run(Array(arguments.dropLast(2)) + ["--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let store = try XCTUnwrap(try RunStore.openIfPresent(path: database))
        for cell in cells {
            let seed = cell.contains("-s0-") ? 0 : 1
            let run = try XCTUnwrap(try store.runs().first { $0.seed == seed }, "\(cell) ran in the plan's database")
            XCTAssertEqual(run.status, .finished)
            let evaluations = try store.evaluations(runID: try XCTUnwrap(run.id))
            XCTAssertEqual(evaluations.map(\.step), [64, 128], "\(cell): the whole run's evaluations")
            let shardFirst = try XCTUnwrap(stopped[cell]?.evaluations.first)
            XCTAssertEqual(evaluations.first?.accuracy, shardFirst.accuracy, "\(cell) continued from the shard's state")
            XCTAssertEqual(evaluations.first?.recorded, shardFirst.recorded, "\(cell): the evaluation the shard recorded, not a new one")
        }
    }
}
