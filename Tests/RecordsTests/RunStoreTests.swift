import ExperimentFixtures
import Foundation
import GRDB
@testable import Records
import XCTest

final class RunStoreTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try FixtureDatabase.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testFreshDatabaseCreatesItsDirectoryAndStartsEmpty() throws {
        let path = directory.appendingPathComponent("nested/runs/ssmix.sqlite")
        let store = try RunStore(path: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path.path))
        XCTAssertEqual(try store.runs(), [])
        // Opening again re-runs the migrator on an up-to-date schema without error.
        XCTAssertEqual(try RunStore(path: path).runs(), [])
    }

    func testRunRoundTripsEveryField() throws {
        let store = try FixtureDatabase.store(at: directory.appendingPathComponent("db.sqlite"))
        let new = FixtureDatabase.newRun(task: "anli-r2", method: "ssmix", seed: 4)
        let started = try store.startRun(new)
        XCTAssertFalse(started.resumed)
        try store.recordEvaluation(runID: started.id, step: 500, epoch: 0, split: "dev", accuracy: 0.4712, loss: 1.05)
        try store.recordEvaluation(runID: started.id, step: 500, epoch: 0, split: "test", accuracy: 0.4688, loss: nil)
        try store.recordCheckpoint(runID: started.id, path: "checkpoints/anli-2-4/best.safetensors", step: 500, accuracy: 0.4712)
        try store.finishRun(runID: started.id, wallSeconds: 1234.5, examplesPerSecond: 87.25,
                            bestAccuracy: 0.4712, bestTestAccuracy: 0.4688)

        let runs = try store.runs()
        XCTAssertEqual(runs.count, 1)
        let run = try XCTUnwrap(runs.first)
        XCTAssertEqual(run.id, started.id)
        XCTAssertEqual(run.configJSON, new.configJSON)
        XCTAssertEqual(run.configHash, new.configHash)
        XCTAssertEqual([run.task, run.method, run.stage, run.protocolName], ["anli-r2", "ssmix", "mix", "paper"])
        XCTAssertEqual(run.seed, 4)
        XCTAssertEqual([run.modelName, run.modelSHA256, run.gitCommit, run.host],
                       ["all-MiniLM-L6-v2", "abc123", "0000000", "fixture-host"])
        XCTAssertEqual(run.status, .finished)
        XCTAssertEqual(run.started, FixtureDatabase.reportDate.addingTimeInterval(60))
        XCTAssertEqual(run.finished, FixtureDatabase.reportDate.addingTimeInterval(300))
        XCTAssertEqual(run.wallSeconds, 1234.5)
        XCTAssertEqual(run.examplesPerSecond, 87.25)
        XCTAssertEqual(run.bestAccuracy, 0.4712)
        XCTAssertEqual(run.bestTestAccuracy, 0.4688)

        let evaluations = try store.evaluations(runID: started.id)
        XCTAssertEqual(evaluations.map(\.split), ["dev", "test"])
        XCTAssertEqual(evaluations.map(\.accuracy), [0.4712, 0.4688])
        XCTAssertEqual(evaluations.map(\.loss), [1.05, nil])
        XCTAssertEqual(evaluations.map(\.step), [500, 500])
        let checkpoints = try store.checkpoints(runID: started.id)
        XCTAssertEqual(checkpoints.map(\.path), ["checkpoints/anli-2-4/best.safetensors"])
        XCTAssertEqual(try store.completedRun(configHash: new.configHash)?.id, started.id)
        XCTAssertNil(try store.completedRun(configHash: "another-hash"))
    }

    func testMigrationsCreateTheSchema() throws {
        let store = try RunStore(path: directory.appendingPathComponent("db.sqlite"))
        try store.pool.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                           ["v1: runs, evaluations, checkpoints", "v2: layers drawn by TMix and Manifold Mixup",
                            "v3: the compute engine that ran"])
            let runColumns = try db.columns(in: "runs").map(\.name)
            for column in ["id", "config_json", "config_hash", "task", "method", "seed", "stage", "protocol",
                           "model_name", "model_sha256", "git_commit", "host", "started", "finished", "status",
                           "wall_seconds", "examples_per_second", "best_accuracy", "best_test_accuracy", "mix_layers", "engine"] {
                XCTAssertTrue(runColumns.contains(column), "runs lacks \(column)")
            }
            XCTAssertEqual(try db.columns(in: "evaluations").map(\.name),
                           ["id", "run_id", "step", "epoch", "split", "accuracy", "loss", "recorded"])
            XCTAssertEqual(try db.columns(in: "checkpoints").map(\.name),
                           ["id", "run_id", "path", "step", "accuracy", "recorded"])
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
        }
    }

    func testTimestampsAreStoredAsISO8601UTCText() throws {
        let store = try FixtureDatabase.store(at: directory.appendingPathComponent("db.sqlite"))
        let run = try store.startRun(FixtureDatabase.newRun(task: "rte", method: "normal", seed: 0))
        try store.recordEvaluation(runID: run.id, step: 1, epoch: 0, split: "dev", accuracy: 0.5, loss: nil)
        try store.markRun(runID: run.id, status: .failed)
        try store.pool.read { db in
            let row = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT started, finished, status FROM runs"))
            XCTAssertEqual(row["started"] as String?, "2025-06-01T00:01:00Z")
            XCTAssertEqual(row["finished"] as String?, "2025-06-01T00:03:00Z")
            XCTAssertEqual(row["status"] as String?, "failed")
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT recorded FROM evaluations"), "2025-06-01T00:02:00Z")
        }
    }

    func testUnfinishedRunIsNotCompletedAndIsResumed() throws {
        let store = try RunStore(path: directory.appendingPathComponent("db.sqlite"))
        let new = FixtureDatabase.newRun(task: "mrpc", method: "tmix", seed: 1)
        let first = try store.startRun(new)
        try store.recordEvaluation(runID: first.id, step: 10, epoch: 0, split: "dev", accuracy: 0.8, loss: 0.4)
        try store.markRun(runID: first.id, status: .interrupted)
        XCTAssertNil(try store.completedRun(configHash: new.configHash))

        let again = try store.startRun(new)
        XCTAssertEqual(again, StartedRun(id: first.id, resumed: true))
        XCTAssertEqual(try store.runs().map(\.status), [.running])
        XCTAssertEqual(try store.evaluations(runID: first.id).count, 1, "a resumed run keeps its evaluations")

        try store.finishRun(runID: first.id, wallSeconds: 1, examplesPerSecond: 1, bestAccuracy: 0.8, bestTestAccuracy: nil)
        let rerun = try store.startRun(new)
        XCTAssertFalse(rerun.resumed, "a finished run is never resumed")
        XCTAssertNotEqual(rerun.id, first.id)
    }

    func testRunOfADeadProcessIsMarkedInterruptedAndResumed() throws {
        let store = try RunStore(path: directory.appendingPathComponent("db.sqlite"))
        store.currentProcessID = try deadProcessID()
        let new = FixtureDatabase.newRun(task: "rte", method: "ssmix", seed: 2)
        var crashed = new
        crashed.host = ProcessInfo.processInfo.hostName
        let abandoned = try store.startRun(crashed)
        store.currentProcessID = ProcessInfo.processInfo.processIdentifier

        XCTAssertEqual(try store.markAbandonedRunsInterrupted(), [abandoned.id])
        XCTAssertEqual(try store.runs().first?.status, .interrupted)
        XCTAssertEqual(try store.markAbandonedRunsInterrupted(), [])
        XCTAssertEqual(try store.startRun(crashed), StartedRun(id: abandoned.id, resumed: true))
    }

    func testRunOfALiveProcessIsNotTakenOver() throws {
        let store = try RunStore(path: directory.appendingPathComponent("db.sqlite"))
        var new = FixtureDatabase.newRun(task: "rte", method: "unk", seed: 0)
        new.host = ProcessInfo.processInfo.hostName
        store.currentProcessID = 1  // init: alive, and not this process
        let owned = try store.startRun(new)
        store.currentProcessID = ProcessInfo.processInfo.processIdentifier
        XCTAssertThrowsError(try store.startRun(new)) { error in
            XCTAssertEqual(error as? RunStoreError,
                           .alreadyRunning(path: store.path.path, id: owned.id, processID: 1))
        }
        XCTAssertEqual(try store.markAbandonedRunsInterrupted(), [])
    }

    func testUnknownRunIsAClearErrorAndWritesNothing() throws {
        let store = try RunStore(path: directory.appendingPathComponent("db.sqlite"))
        XCTAssertThrowsError(try store.recordEvaluation(runID: 42, step: 1, epoch: 0, split: "dev", accuracy: 0.5, loss: nil)) { error in
            XCTAssertEqual("\(error)", "run database \(store.path.path) has no run with id 42")
        }
        XCTAssertThrowsError(try store.finishRun(runID: 42, wallSeconds: 1, examplesPerSecond: 1, bestAccuracy: 1, bestTestAccuracy: nil))
        XCTAssertEqual(try store.evaluations(runID: 42), [])
        XCTAssertEqual(try store.runs(), [])
    }

    func testFileThatIsNotADatabaseIsAClearError() throws {
        let path = directory.appendingPathComponent("corrupt.sqlite")
        try Data(String(repeating: "this is not sqlite\n", count: 100).utf8).write(to: path)
        XCTAssertThrowsError(try RunStore(path: path)) { error in
            XCTAssertEqual(error as? RunStoreError, .notADatabase(path: path.path))
            XCTAssertEqual("\(error)", "\(path.path) is not an SQLite database: move it away or pass another --db")
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testUnwritableLocationIsAClearError() throws {
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let path = blocker.appendingPathComponent("ssmix.sqlite")
        XCTAssertThrowsError(try RunStore(path: path)) { error in
            guard case .notWritable(let named, _) = error as? RunStoreError else {
                return XCTFail("expected notWritable, got \(error)")
            }
            XCTAssertEqual(named, path.path)
            XCTAssertTrue("\(error)".hasPrefix("cannot write the run database \(path.path)"))
        }
    }

    func testTwoConnectionPoolsWritingConcurrentlyLoseNothing() throws {
        let path = directory.appendingPathComponent("shared.sqlite")
        let stores = [try RunStore(path: path), try RunStore(path: path)]
        let runsPerWriter = 8
        let evaluationsPerRun = 25
        let errors = ErrorCollector()
        DispatchQueue.concurrentPerform(iterations: stores.count) { writer in
            do {
                for index in 0..<runsPerWriter {
                    let new = FixtureDatabase.newRun(task: "sst2", method: "embedmix", seed: writer * 100 + index)
                    let run = try stores[writer].startRun(new)
                    for step in 0..<evaluationsPerRun {
                        try stores[writer].recordEvaluation(runID: run.id, step: step, epoch: 0, split: "dev",
                                                            accuracy: Double(step) / 100, loss: nil)
                    }
                    try stores[writer].finishRun(runID: run.id, wallSeconds: 1, examplesPerSecond: 1,
                                                 bestAccuracy: 0.24, bestTestAccuracy: nil)
                }
            } catch {
                errors.append(error)
            }
        }
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        let reader = try RunStore(path: path)
        let runs = try reader.runs()
        XCTAssertEqual(runs.count, stores.count * runsPerWriter)
        XCTAssertEqual(Set(runs.map(\.seed)).count, runs.count)
        XCTAssertTrue(runs.allSatisfy { $0.status == .finished })
        for run in runs {
            XCTAssertEqual(try reader.evaluations(runID: try XCTUnwrap(run.id)).map(\.step), Array(0..<evaluationsPerRun))
        }
    }

    /// Several connections creating one new database at once (plan cells reading each other's
    /// shards as they are created) all open it, and it holds the schema once.
    func testConnectionsOpeningANewDatabaseAtOnceAllSucceed() throws {
        for attempt in 0..<20 {
            let path = directory.appendingPathComponent("new-\(attempt).sqlite")
            let errors = ErrorCollector()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try RunStore(path: path) } catch { errors.append(error) }
            }
            XCTAssertEqual(errors.all.map { "\($0)" }, [], "attempt \(attempt)")
            let run = try RunStore(path: path).startRun(FixtureDatabase.newRun(task: "sst2", method: "normal", seed: attempt))
            XCTAssertFalse(run.resumed)
        }
    }

    /// The id of a process that has exited.
    private func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

/// Errors gathered from several threads.
private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []

    func append(_ error: Error) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    var all: [Error] {
        lock.lock()
        defer { lock.unlock() }
        return errors
    }
}
