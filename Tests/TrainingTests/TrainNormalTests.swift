import Autodiff
import ExperimentFixtures
import Foundation
import GRDB
@testable import Records
import TestSupport
import TextData
@testable import Training
import XCTest

/// train-normal end to end on a small slice of TREC: learning, records, skipping, interruption.
final class TrainNormalTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func settings(_ trainingProtocol: TrainingProtocol = .fixed) throws -> SessionSettings {
        SessionSettings(task: "trec-coarse", seed: 0, modelDirectory: try TestPaths.model("model.safetensors").deletingLastPathComponent(),
                        dataDirectory: directory.appendingPathComponent("data"), database: directory.appendingPathComponent("runs/ssmix.sqlite"),
                        trainingProtocol: trainingProtocol, batchSize: 8, evalEvery: 4, maxTrainExamples: 32, quiet: true)
    }

    /// Records the loss of every step it runs.
    private final class RecordingStep: StageStep {
        var losses: [Double] = []
        func step(_ batch: [EncodedExample], _ optimization: Optimization) throws -> StepResult {
            let result = try NormalStep().step(batch, optimization)
            losses.append(result.loss)
            return result
        }
    }

    func testLossFallsRunIsRecordedAndASecondInvocationIsSkipped() throws {
        let session = try TrainingSession(settings: settings())
        let recorder = RecordingStep()
        let result = try session.runNormal(epochs: 4, learningRate: 2e-4, step: recorder)
        XCTAssertFalse(result.skipped)
        XCTAssertEqual(recorder.losses.count, 16, "32 examples in batches of 8 for 4 epochs")
        let first = recorder.losses.prefix(4).reduce(0, +) / 4, last = recorder.losses.suffix(4).reduce(0, +) / 4
        XCTAssertLessThan(last, first - 0.1, "the mean loss of the last epoch must be clearly below the first's")

        let runs = try session.store.runs()
        XCTAssertEqual(runs.count, 1)
        let run = try XCTUnwrap(runs.first)
        XCTAssertEqual(run.status, .finished)
        XCTAssertEqual(run.task, "trec-coarse"); XCTAssertEqual(run.method, "normal"); XCTAssertEqual(run.stage, "normal")
        XCTAssertEqual(run.engine, ComputeEngine.identity)
        XCTAssertTrue(ComputeEngine.identity.hasPrefix("numerics \(ComputeEngine.numericsVersion); OpenBLAS "), ComputeEngine.identity)
        let evaluations = try session.store.evaluations(runID: try XCTUnwrap(run.id))
        XCTAssertEqual(evaluations.map(\.step), [4, 8, 12, 16])
        XCTAssertTrue(evaluations.allSatisfy { $0.split == "test" })
        XCTAssertEqual(run.bestAccuracy, evaluations.map(\.accuracy).max())
        XCTAssertFalse(try session.store.checkpoints(runID: try XCTUnwrap(run.id)).isEmpty)

        let again = try TrainingSession(settings: settings()).runNormal(epochs: 4, learningRate: 2e-4, step: recorder)
        XCTAssertTrue(again.skipped)
        XCTAssertEqual(recorder.losses.count, 16, "a skipped run takes no step")
        XCTAssertEqual(try session.store.runs().count, 1)
    }

    func testAKilledRunLeavesAConsistentDatabaseAndCompletesLater() throws {
        let database = directory.appendingPathComponent("runs/ssmix.sqlite")
        let arguments = ["train-normal", "--task", "trec-coarse", "--seed", "0", "--data", directory.appendingPathComponent("data").path,
                         "--db", database.path, "--batch-size", "8", "--max-train-examples", "400", "--epochs", "1", "--eval-every", "10"]
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = arguments
        process.currentDirectoryURL = TestPaths.repoRoot
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait (at most 120 s) until the run has written its first evaluation, then stop it.
        let deadline = Date().addingTimeInterval(120)
        var evaluated = false
        while Date() < deadline, process.isRunning, !evaluated {
            Thread.sleep(forTimeInterval: 0.5)
            if let store = try? RunStore.openIfPresent(path: database), let run = try store.runs().first, let id = run.id {
                evaluated = !(try store.evaluations(runID: id)).isEmpty
            }
        }
        XCTAssertTrue(evaluated, "the run did not reach its first evaluation")
        process.terminate()
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0, "an interrupted run exits with an error status")

        let store = try RunStore(path: database)
        let interrupted = try XCTUnwrap(try store.runs().first)
        XCTAssertEqual(interrupted.status, .interrupted)
        let queue = try DatabaseQueue(path: database.path)
        XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }, "ok")

        let rerun = try CommandResult.run(arguments + ["--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        let runs = try store.runs()
        XCTAssertEqual(runs.count, 1, "the interrupted run is taken up again, not duplicated")
        XCTAssertEqual(runs.first?.status, .finished)
        let steps = try store.evaluations(runID: try XCTUnwrap(runs.first?.id)).map(\.step)
        XCTAssertEqual(steps, [10, 20, 30, 40, 50], "only the completed attempt's evaluations remain")
    }
}
