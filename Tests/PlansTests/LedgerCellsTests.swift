import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
import XCTest

/// A plan on a machine that has only the results ledger: cells the ledger holds are not run again,
/// except a normal cell whose checkpoint a mixup cell still needs, and that one reproduces the
/// ledger's run.
final class LedgerCellsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }
    override func tearDownWithError() throws { if let directory { try? FileManager.default.removeItem(at: directory) } }

    /// A tiny capped plan of TREC-coarse seed 0 with these methods: two steps and one evaluation a stage.
    private func plan(_ name: String, methods: [String]) throws -> String {
        try TRECWorkspace.writePlan(in: directory, name: name, methods: methods, seeds: [0],
                                    overrides: ["epochs = 1", "max-train-examples = 16", "batch-size = 8", "eval-every = 2"]).path
    }

    private func run(_ arguments: [String]) throws -> CommandResult {
        let result = try CommandResult.run(arguments + ["--data", directory.appendingPathComponent("data").path])
        XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// The state column of each cell in a dry run.
    private func states(_ dryRun: CommandResult) -> [String: String] {
        var states: [String: String] = [:]
        for line in dryRun.stdout.split(separator: "\n") where line.hasPrefix("trec-coarse-") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let state = fields.count > 3 && fields[2] == "in" ? "in ledger" : (fields.first { ["pending", "finished"].contains($0) } ?? "?")
            states[fields[0]] = state
        }
        return states
    }

    func testLedgerCellsAreSkippedAndANeededNormalCellReproducesTheLedger() throws {
        let ledger = directory.appendingPathComponent("ledger.jsonl").path
        let first = directory.appendingPathComponent("first/runs/ssmix.sqlite").path
        let two = try plan("two", methods: ["normal", "ssmix"])
        _ = try run(["run", "--plan", two, "--db", first, "--ledger", ledger, "--no-report", "--quiet"])
        let exported = try CommandResult.run(["export", "--db", first, "--ledger", ledger, "--include-capped"])
        XCTAssertTrue(exported.stdout.contains("added 2 run(s), 0 already there"), exported.stdout + exported.stderr)

        // Another machine: an empty runs folder, the same ledger.
        let second = directory.appendingPathComponent("second/runs/ssmix.sqlite").path
        let dry = try run(["run", "--plan", two, "--db", second, "--ledger", ledger, "--dry-run"])
        XCTAssertEqual(states(dry), ["trec-coarse-s0-normal": "in ledger", "trec-coarse-s0-ssmix": "in ledger"], dry.stdout)
        let skipped = try run(["run", "--plan", two, "--db", second, "--ledger", ledger, "--no-report", "--quiet"])
        XCTAssertTrue(skipped.stdout.contains("trec-coarse-s0-ssmix: in the results ledger"), skipped.stdout)
        XCTAssertEqual(try RunStore.openIfPresent(path: URL(fileURLWithPath: second))?.runs().count ?? 0, 0, "nothing ran")
        let ignored = try run(["run", "--plan", two, "--db", second, "--ledger", ledger, "--no-ledger", "--dry-run"])
        XCTAssertEqual(Set(states(ignored).values), ["pending"], ignored.stdout)

        // A new method needs the normal cell's checkpoint: only the normal and the new cell run.
        let three = try plan("three", methods: ["normal", "ssmix", "unk"])
        let needed = try run(["run", "--plan", three, "--db", second, "--ledger", ledger, "--dry-run"])
        XCTAssertEqual(states(needed), ["trec-coarse-s0-normal": "pending", "trec-coarse-s0-ssmix": "in ledger",
                                        "trec-coarse-s0-unk": "pending"], needed.stdout)
        _ = try run(["run", "--plan", three, "--db", second, "--ledger", ledger, "--jobs", "1", "--no-report", "--quiet"])
        let ran = try RunStore(path: URL(fileURLWithPath: second)).runs().filter { $0.status == .finished }.map(\.method).sorted()
        XCTAssertEqual(ran, ["normal", "unk"])
        let again = try CommandResult.run(["export", "--db", second, "--ledger", ledger, "--include-capped"])
        XCTAssertEqual(again.status, 0, "the normal run reproduced the ledger's, else export reports a conflict: \(again.stderr)")
        XCTAssertTrue(again.stdout.contains("added 1 run(s), 1 already there"), again.stdout)
    }
}
