import ExperimentFixtures
import Foundation
@testable import Plans
@testable import Records
@testable import Training
import XCTest

/// The `runs`, `report` and `check` commands, run as a user would run them.
final class CommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try FixtureDatabase.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testReportOnAnEmptyDatabasePrintsTheLayoutAndAHint() throws {
        let database = directory.appendingPathComponent("empty.sqlite")
        _ = try RunStore(path: database)
        let result = try CommandResult.run(["report", "--table", "2", "--db", database.path, "--no-ledger"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("# Table 2"))
        XCTAssertTrue(result.stdout.contains("| normal | — · 92.96 | — · 91.32 |"))
        XCTAssertTrue(result.stdout.contains("(84 of 84 cells)"))
        XCTAssertTrue(result.stdout.contains("ssmix-exp run --plan experiments/trec.toml"))
    }

    func testReportOnACorruptDatabaseIsAOneLineError() throws {
        let database = directory.appendingPathComponent("corrupt.sqlite")
        try Data(String(repeating: "garbage ", count: 512).utf8).write(to: database)
        let result = try CommandResult.run(["report", "--table", "2", "--db", database.path, "--no-ledger"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "Error: \(database.path) is not an SQLite database: move it away or pass another --db\n")
    }

    func testReportWritesFilesWithoutChartsWhenAsked() throws {
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let out = directory.appendingPathComponent("reports")
        let result = try CommandResult.run(["report", "--table", "all", "--db", database.path, "--no-ledger", "--out", out.path,
                                            "--no-charts", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(files, ["family.csv", "gains.csv", "table2.csv", "tableA1.csv", "tableB1.csv"])
    }

    func testCheckFailsOnABandViolationAndPassesInside() throws {
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let bands = directory.appendingPathComponent("bands.toml")
        let inside = "[[band]]\ntask = \"trec-coarse\"\nmethod = \"ssmix\"\nlow = 96.0\nhigh = 97.0\nderived = \"test\"\n"
        try Data(inside.utf8).write(to: bands)
        let passing = try CommandResult.run(["check", "--bands", bands.path, "--db", database.path, "--no-ledger"])
        XCTAssertEqual(passing.status, 0, passing.stderr)
        XCTAssertEqual(passing.stdout, "All 1 bands hold.\n")

        let outside = inside.replacingOccurrences(of: "low = 96.0", with: "low = 96.9")
            + "[[band]]\ntask = \"rte\"\nmethod = \"tmix\"\nlow = 60\nhigh = 70\nderived = \"test\"\n"
        try Data(outside.utf8).write(to: bands)
        let failing = try CommandResult.run(["check", "--bands", bands.path, "--db", database.path, "--no-ledger"])
        XCTAssertNotEqual(failing.status, 0)
        XCTAssertEqual(failing.stdout, """
            trec-coarse / ssmix: mean 96.80 (n=2) outside [96.90, 97.00]
            rte / tmix: missing (no finished run) for band [60.00, 70.00]

            """)
        XCTAssertEqual(failing.stderr, "Error: 2 of 2 bands failed: 1 outside, 1 missing\n")
    }

    func testRunsListsStatusAndBestAccuracy() throws {
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let result = try CommandResult.run(["runs", "--db", database.path, "--no-ledger"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + (try RunStore(path: database).runs().count))
        let interrupted = try XCTUnwrap(lines.first { $0.contains("interrupted") })
        XCTAssertTrue(interrupted.contains("70.00"), "an unfinished run shows its best evaluation so far")
        XCTAssertTrue(lines.contains { $0.contains("anli-r1") && $0.contains("52.00") && $0.contains("51.00") })
    }

    func testExportAddsFinishedRunsOnceAndRunsCellTracesACell() throws {
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let ledger = directory.appendingPathComponent("ledger.jsonl")
        let first = try CommandResult.run(["export", "--db", database.path, "--ledger", ledger.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let finished = try RunStore(path: database).runs().filter { $0.status == .finished }.count
        XCTAssertTrue(first.stdout.hasPrefix("\(ledger.path): added \(finished) run(s), 0 already there"), first.stdout)
        let second = try CommandResult.run(["export", "--db", database.path, "--ledger", ledger.path])
        XCTAssertTrue(second.stdout.hasPrefix("\(ledger.path): added 0 run(s), \(finished) already there"), second.stdout)

        let empty = directory.appendingPathComponent("empty.sqlite")
        let cell = try CommandResult.run(["runs", "--cell", "trec-coarse", "ssmix", "--db", empty.path, "--ledger", ledger.path])
        XCTAssertEqual(cell.status, 0, cell.stderr)
        let lines = cell.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "trec-coarse / ssmix, protocol paper: 2 run(s) counted")
        XCTAssertEqual(lines.filter { $0.contains("\(ledger.path):") }.count, 2, cell.stdout)
        let unknown = try CommandResult.run(["runs", "--cell", "trec-coarse", "mixup", "--ledger", ledger.path])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("--cell: unknown method mixup"), unknown.stderr)
    }

    func testReportWorksFromAnyDirectoryAndRejectsABrokenLedger() throws {
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let report = try CommandResult.run(["report", "--table", "2", "--db", database.path], in: elsewhere)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("| TREC-coarse |"), "the paper's numbers ship with the binary")

        let ledger = directory.appendingPathComponent("ledger.jsonl")
        try Data("{\"config_hash\": 1}\n".utf8).write(to: ledger)
        let broken = try CommandResult.run(["report", "--table", "2", "--db", database.path, "--ledger", ledger.path])
        XCTAssertNotEqual(broken.status, 0)
        XCTAssertEqual(broken.stderr, "Error: \(ledger.path):1: not a ledger entry (wrong type for config_hash)\n")
    }

    func testDryRunListsCellsAndTheirDependenciesAndBadExecutorOptionsAreOneLine() throws {
        let database = directory.appendingPathComponent("runs/ssmix.sqlite").path
        let dry = try CommandResult.run(["run", "--plan", "experiments/smoke.toml", "--dry-run", "--db", database])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let lines = dry.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true), ["cell", "waits", "for", "state", "time"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("trec-coarse-s0-normal ") && $0.contains(" pending") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("trec-coarse-s0-tmix ") && $0.contains("trec-coarse-s0-normal") })
        XCTAssertTrue(dry.stdout.contains("0 of 7 cells finished"), dry.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database), "a dry run writes nothing")

        let both = try CommandResult.run(["run", "--plan", "experiments/smoke.toml", "--executor", "slurm", "--jobs", "2"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.hasPrefix("Error: --jobs is for the local executor"), both.stderr)
        let partition = try CommandResult.run(["run", "--plan", "experiments/smoke.toml", "--partition", "cpu"])
        XCTAssertNotEqual(partition.status, 0)
        XCTAssertTrue(partition.stderr.hasPrefix("Error: --partition, --time"), partition.stderr)
        let cell = try CommandResult.run(["run-cell", "--plan", "experiments/smoke.toml", "--cell", "trec-coarse-s9-ssmix", "--db", database])
        XCTAssertNotEqual(cell.status, 0)
        XCTAssertTrue(cell.stderr.contains("plan smoke has no cell trec-coarse-s9-ssmix"), cell.stderr)
    }
}
