import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
import XCTest

/// The results ledger: export from a database, parse, merge without double counting, and
/// one-line errors naming the file and line.
final class LedgerTests: XCTestCase {
    private var directory: URL!
    private var database: URL!
    private var ledgerPath: URL!

    override func setUpWithError() throws {
        directory = try FixtureDatabase.temporaryDirectory()
        database = directory.appendingPathComponent("runs/ssmix.sqlite")
        ledgerPath = directory.appendingPathComponent("ledger.jsonl")
        try FixtureDatabase.build(at: database)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func exportDatabase() throws -> ResultLedger.MergeOutcome {
        var ledger = try ResultLedger.load(from: ledgerPath)
        let outcome = ledger.merge(try RunStore(path: database).recordedRuns())
        try ledger.write()
        return outcome
    }

    func testExportedRunsReadBackWithTheirResultsAndEvaluations() throws {
        let local = try RunStore(path: database).recordedRuns()
        let finished = local.filter { $0.record.status == .finished }
        let outcome = try exportDatabase()
        XCTAssertEqual(outcome.added.count, finished.count, "every finished run and only those")
        let ledger = try ResultLedger.load(from: ledgerPath)
        XCTAssertEqual(ledger.runs.count, finished.count)
        for (read, original) in zip(ledger.runs, finished) {
            XCTAssertEqual(read.configHash, original.configHash)
            XCTAssertTrue(read.hasSameResults(as: original), original.shortHash)
            XCTAssertEqual(read.record.task, original.record.task)
            XCTAssertEqual(read.record.seed, original.record.seed)
            XCTAssertEqual(read.record.started, original.record.started)
            XCTAssertEqual(read.record.wallSeconds, original.record.wallSeconds)
            XCTAssertEqual(read.evaluations.map(\.loss), original.evaluations.map(\.loss))
            XCTAssertEqual(JSONValue(parsing: read.record.configJSON), JSONValue(parsing: original.record.configJSON))
        }
        XCTAssertEqual(ledger.runs.map(\.source), (1...finished.count).map { .ledger(path: ledgerPath.path, line: $0) })
    }

    func testExportingTwiceAddsNothing() throws {
        _ = try exportDatabase()
        let first = try Data(contentsOf: ledgerPath)
        let second = try exportDatabase()
        XCTAssertEqual(second.added.count, 0)
        XCTAssertEqual(second.conflicts.count, 0)
        XCTAssertEqual(try Data(contentsOf: ledgerPath), first, "the file is unchanged")
    }

    func testTheCommittedLedgerParses() throws {
        let committed = TestPaths.repoRoot.appendingPathComponent("reports/ledger.jsonl")
        let ledger = try ResultLedger.load(from: committed)
        let lines = try String(contentsOf: committed, encoding: .utf8).split(separator: "\n").count
        XCTAssertEqual(ledger.runs.count, lines, "one run per line, no duplicates")
        for run in ledger.runs {
            XCTAssertNotNil(run.record.bestAccuracy, run.source.description)
            XCTAssertFalse(run.evaluations.isEmpty, run.source.description)
            XCTAssertEqual(JSONValue(parsing: run.record.configJSON)?["task"], .string(run.record.task),
                           "the line's task is its configuration's")
        }
    }

    func testALineThatDoesNotParseNamesFileAndLine() throws {
        _ = try exportDatabase()
        var lines = try String(contentsOf: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "\"config_hash\"", with: "\"hash\"")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        XCTAssertThrowsError(try ResultLedger.load(from: ledgerPath)) { error in
            XCTAssertEqual("\(error)", "\(ledgerPath.path):3: not a ledger entry (missing config_hash)")
        }
        lines[2] = "{not json"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        XCTAssertThrowsError(try ResultLedger.load(from: ledgerPath)) { error in
            XCTAssertEqual("\(error)", "\(ledgerPath.path):3: not a ledger entry (not valid JSON)")
        }
    }

    func testTwoLinesForOneRunWithDifferentResultsAreAnError() throws {
        _ = try exportDatabase()
        let lines = try String(contentsOf: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let altered = lines[0].replacingOccurrences(of: "\"best_accuracy\":0.96,", with: "\"best_accuracy\":0.97,")
        XCTAssertNotEqual(altered, lines[0], "the fixture's first run has best accuracy 0.96")
        try Data(((lines + [altered]).joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        XCTAssertThrowsError(try ResultLedger.load(from: ledgerPath)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(ledgerPath.path):\(lines.count + 1): run "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("(trec-coarse normal seed 0) is also on line 1 with different results"), "\(error)")
        }
        try Data(((lines + [lines[0]]).joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        XCTAssertEqual(try ResultLedger.load(from: ledgerPath).runs.count, lines.count, "an identical repeat counts once")
    }

    func testCollectionCountsARunInBothSourcesOnceAndNotesDisagreement() throws {
        _ = try exportDatabase()
        let both = try RunCollection.gather(database: database, ledger: ledgerPath)
        let ledgerOnly = try ResultLedger.load(from: ledgerPath).runs
        XCTAssertEqual(both.runs.map(\.configHash), ledgerOnly.map(\.configHash))
        XCTAssertEqual(both.notes, [])

        let store = try RunStore(path: database)
        try FixtureDatabase.finished(store, task: "trec-fine", method: "normal", seed: 0, best: 0.7)
        let grown = try RunCollection.gather(database: database, ledger: ledgerPath)
        XCTAssertEqual(grown.runs.count, ledgerOnly.count + 1, "a local run the ledger lacks is added")

        var lines = try String(contentsOf: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "\"best_accuracy\":0.96,", with: "\"best_accuracy\":0.97,")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        let disagreeing = try RunCollection.gather(database: database, ledger: ledgerPath)
        XCTAssertEqual(disagreeing.runs.count, ledgerOnly.count + 1)
        XCTAssertEqual(disagreeing.notes.count, 1)
        XCTAssertTrue(disagreeing.notes[0].hasSuffix("with different results; counting \(ledgerPath.path):1"), disagreeing.notes[0])
        XCTAssertEqual(disagreeing.runs.first?.record.bestAccuracy, 0.97, "the ledger's result counts")
    }

    func testMergeReportsAConflictAndKeepsTheLedgerLine() throws {
        _ = try exportDatabase()
        var lines = try String(contentsOf: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "\"best_accuracy\":0.96,", with: "\"best_accuracy\":0.97,")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        let outcome = try exportDatabase()
        XCTAssertEqual(outcome.added.count, 0)
        XCTAssertEqual(outcome.conflicts.count, 1)
        XCTAssertEqual(outcome.conflicts.first?.ledger.source, .ledger(path: ledgerPath.path, line: 1))
        XCTAssertEqual(try ResultLedger.load(from: ledgerPath).runs.first?.record.bestAccuracy, 0.97)
    }

    /// A ledger run from another compute engine with other results is expected, not a conflict:
    /// the ledger's line is kept and the engines are named.
    func testOtherResultsFromAnotherEngineAreNotAConflict() throws {
        _ = try exportDatabase()
        var lines = try String(contentsOf: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = #"{"engine":"numerics 9; elsewhere","# + lines[0].dropFirst()
        lines[0] = lines[0].replacingOccurrences(of: "\"best_accuracy\":0.96,", with: "\"best_accuracy\":0.97,")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ledgerPath)
        let outcome = try exportDatabase()
        XCTAssertEqual(outcome.conflicts.count, 0)
        XCTAssertEqual(outcome.otherEngine.count, 1)
        let kept = try XCTUnwrap(try ResultLedger.load(from: ledgerPath).runs.first)
        XCTAssertEqual(kept.record.bestAccuracy, 0.97)
        XCTAssertEqual(kept.record.engine, "numerics 9; elsewhere")
        let notes = try RunCollection.gather(database: database, ledger: ledgerPath).notes
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("under another compute engine (unnamed against numerics 9; elsewhere)"), notes[0])
    }

    func testTheEngineIsRecordedAndTravelsThroughTheLedger() throws {
        let store = try RunStore(path: database)
        var new = FixtureDatabase.newRun(task: "trec-fine", method: "senmix", seed: 4)
        new.engine = "numerics 2; OpenBLAS SkylakeX"
        let run = try store.startRun(new)
        try store.finishRun(runID: run.id, wallSeconds: 10, examplesPerSecond: 5, bestAccuracy: 0.5, bestTestAccuracy: nil)
        _ = try exportDatabase()
        let read = try XCTUnwrap(try ResultLedger.load(from: ledgerPath).runs.first { $0.record.method == "senmix" })
        XCTAssertEqual(read.record.engine, new.engine)
        XCTAssertNil(try ResultLedger.load(from: ledgerPath).runs.first { $0.record.method == "normal" }?.record.engine,
                     "runs recorded without an engine have none")
    }

    func testLayerHistogramsAreRecordedAndTravelThroughTheLedger() throws {
        let store = try RunStore(path: database)
        let run = try store.startRun(FixtureDatabase.newRun(task: "trec-fine", method: "manifold", seed: 0))
        try store.recordEvaluation(runID: run.id, step: 8, epoch: 1, split: "test", accuracy: 0.5, loss: 1)
        try store.finishRun(runID: run.id, wallSeconds: 10, examplesPerSecond: 5, bestAccuracy: 0.5, bestTestAccuracy: nil,
                            mixLayers: [6: 1, 0: 3, 2: 4])
        let recorded = try XCTUnwrap(try store.runs().first { $0.method == "manifold" })
        XCTAssertEqual(recorded.mixLayers, #"{"0":3,"2":4,"6":1}"#)
        _ = try exportDatabase()
        let read = try XCTUnwrap(try ResultLedger.load(from: ledgerPath).runs.first { $0.record.method == "manifold" })
        XCTAssertEqual(JSONValue(parsing: try XCTUnwrap(read.record.mixLayers)), JSONValue(parsing: #"{"0":3,"2":4,"6":1}"#))
        XCTAssertNil(try store.runs().first { $0.method == "normal" }?.mixLayers, "methods that draw no layer record none")
    }
}
