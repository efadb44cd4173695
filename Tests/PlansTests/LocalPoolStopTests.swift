import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
import XCTest

/// `run --jobs 2` stopped with SIGTERM: its running cells are stopped with it (none is left
/// running on its own), save their training state, and the next run of the plan finishes them.
final class LocalPoolStopTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }
    override func tearDownWithError() throws { if let directory { try? FileManager.default.removeItem(at: directory) } }

    /// Two independent normal cells (seeds 0 and 1) long enough to be stopped mid-run.
    private func plan() throws -> String {
        try TRECWorkspace.writePlan(in: directory, name: "pool", methods: ["normal"], seeds: [0, 1],
                                    overrides: ["epochs = 2", "max-train-examples = 512", "batch-size = 8", "eval-every = 64"]).path
    }

    /// The statuses of the runs in each cell's shard, by cell.
    private func shardStatuses(_ shards: URL) throws -> [String: [RunStatus]] {
        var statuses: [String: [RunStatus]] = [:]
        for cell in ["trec-coarse-s0-normal", "trec-coarse-s1-normal"] {
            let shard = shards.appendingPathComponent("\(cell).sqlite")
            statuses[cell] = try RunStore.openIfPresent(path: shard)?.runs().map(\.status) ?? []
        }
        return statuses
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

    func testStoppingThePoolStopsItsCellsAndTheNextRunFinishesThem() throws {
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

        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, try shardStatuses(shards).values.contains(where: { !$0.contains(.running) }) {
            usleep(200_000)
        }
        XCTAssertEqual(try shardStatuses(shards).values.map { $0.contains(.running) }, [true, true], "both cells started")
        pool.terminate()
        pool.waitUntilExit()

        XCTAssertNotEqual(pool.terminationStatus, 0, "a stopped plan does not exit as finished")
        XCTAssertEqual(processes(mentioning: planFile), [], "no cell keeps running after the pool stopped")
        for (cell, statuses) in try shardStatuses(shards) {
            XCTAssertEqual(statuses, [.interrupted], "\(cell) saved its state and marked its run interrupted")
        }

        let again = try CommandResult.run(arguments + ["--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        for (cell, statuses) in try shardStatuses(shards) {
            XCTAssertEqual(statuses, [.finished], "\(cell) continued to the end")
        }
    }
}
