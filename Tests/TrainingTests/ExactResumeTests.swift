import Autodiff
import BERT
import ExperimentFixtures
import Foundation
import GRDB
@testable import Records
import TestSupport
@testable import Training
import XCTest

/// A run killed with SIGKILL at a random step, then run again, ends with the same evaluations
/// and weights, bit for bit, as a run never interrupted; a damaged state falls back to the one before.
final class ExactResumeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// `train-mix --method ssmix` (which trains the normal stage first) on 16 TREC examples,
    /// in its own runs folder `name`.
    private func command(_ name: String) throws -> [String] {
        ["train-mix", "--method", "ssmix", "--task", "trec-coarse", "--seed", "0", "--protocol", "paper",
         "--model", try TestPaths.model("model.safetensors").deletingLastPathComponent().path,
         "--data", directory.appendingPathComponent("data").path, "--db", directory.appendingPathComponent("\(name)/ssmix.sqlite").path,
         "--batch-size", "8", "--max-train-examples", "16", "--eval-every", "2", "--state-every", "2", "--quiet"]
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Evaluations of every run, by method: (step, split, accuracy, loss).
    private func evaluations(_ name: String) throws -> [String: [String]] {
        let store = try RunStore(path: directory.appendingPathComponent("\(name)/ssmix.sqlite"))
        var result: [String: [String]] = [:]
        for run in try store.runs() {
            XCTAssertEqual(run.status, .finished, "\(name) \(run.method)")
            result[run.method] = try store.evaluations(runID: try XCTUnwrap(run.id)).map {
                "\($0.step) \($0.split) \($0.accuracy.bitPattern) \(String(describing: $0.loss?.bitPattern))"
            }
        }
        return result
    }

    /// Evaluations of `method` recorded so far in runs folder `name` (0 before the database exists).
    private func evaluationCount(_ name: String, method: String) -> Int {
        let path = directory.appendingPathComponent("\(name)/ssmix.sqlite").path
        guard FileManager.default.fileExists(atPath: path), let queue = try? DatabaseQueue(path: path) else { return 0 }
        return (try? queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM evaluations e JOIN runs r ON r.id = e.run_id WHERE r.method = ?", arguments: [method])
        } ?? 0) ?? 0
    }

    /// True once a training state of `method` has been written completely in runs folder `name`.
    private func hasState(_ name: String, method: String) -> Bool {
        let root = directory.appendingPathComponent("\(name)/states/trec-coarse/0")
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix("\(method)-") }
        return runs.contains { run in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(run).path)) ?? []).contains { $0.hasPrefix("step-") }
        }
    }

    /// The id of the first evaluation row of `method`: a run that continued from a state keeps it,
    /// a run restarted from scratch records it anew.
    private func firstEvaluationID(_ name: String, method: String) throws -> Int64? {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("\(name)/ssmix.sqlite").path)
        return try queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(e.id) FROM evaluations e JOIN runs r ON r.id = e.run_id WHERE r.method = ?", arguments: [method])
        }
    }

    private func checkpointWeights(_ name: String) throws -> Data {
        let root = directory.appendingPathComponent("\(name)/checkpoints/trec-coarse/0")
        let folder = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root.path).first { $0.hasPrefix("normal-") })
        return try Data(contentsOf: root.appendingPathComponent("\(folder)/model.safetensors"))
    }

    func testKilledRunsContinueToTheSameEvaluationsAndWeights() throws {
        let reference = try start(try command("reference"))
        reference.waitUntilExit()
        XCTAssertEqual(reference.terminationStatus, 0)

        var generator = SystemRandomNumberGenerator()
        var firstIDs: [String: Int64] = [:]
        for method in ["normal", "ssmix"] {
            let victim = try start(try command("killed"))
            let deadline = Date().addingTimeInterval(600)
            while !(evaluationCount("killed", method: method) >= 1 && hasState("killed", method: method)) && victim.isRunning && Date() < deadline {
                usleep(20_000)
            }
            let delay = UInt32.random(in: 0...1_000_000, using: &generator)
            usleep(delay)
            XCTAssertTrue(victim.isRunning, "the \(method) stage finished before the kill (delay \(delay) µs)")
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
            XCTAssertEqual(victim.terminationReason, .uncaughtSignal, "killed in the \(method) stage after \(delay) µs")
            firstIDs[method] = try firstEvaluationID("killed", method: method)
        }
        let states = directory.appendingPathComponent("killed/states")
        XCTAssertTrue(FileManager.default.fileExists(atPath: states.path), "the killed runs left training states")
        let finish = try start(try command("killed"))
        finish.waitUntilExit()
        XCTAssertEqual(finish.terminationStatus, 0)

        XCTAssertEqual(try evaluations("killed"), try evaluations("reference"))
        for method in ["normal", "ssmix"] {
            XCTAssertEqual(try firstEvaluationID("killed", method: method), firstIDs[method],
                           "the \(method) stage continued from a training state instead of starting over")
        }
        XCTAssertEqual(try checkpointWeights("killed"), try checkpointWeights("reference"), "the best normal checkpoint, byte for byte")
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: states.path))?.filter { $0.hasSuffix("state.json") } ?? []
        XCTAssertEqual(left, [], "finished runs delete their states")
    }

    func testADamagedStateFallsBackToTheOneBefore() throws {
        let config = BertConfig(vocabSize: 32, hiddenSize: 8, numHiddenLayers: 1, numAttentionHeads: 2, intermediateSize: 16, maxPositionEmbeddings: 16)
        func model() throws -> BertClassifier { try BertClassifier(config: config, numLabels: 2, std: 0.3, seed: 1, headRNG: SeededRNG(seed: 2)) }
        let saved = try model()
        let optimizer = AdamW(parameters: saved.parameters)
        let store = TrainingStateStore(directory: directory.appendingPathComponent("states"))
        func state(_ step: Int) -> TrainingState {
            TrainingState(configHash: "h", step: step, epoch: 1, nextBatchStart: step * 8, shuffleBeforeEpoch: SeededRNG(seed: 3),
                          dropout: SeededRNG(seed: UInt64(step)), stepRandom: nil,
                          tracker: BestTracker(reportFeedsBest: false, hasReportSplit: false), training: true, examplesSeen: step * 8,
                          elapsedSeconds: 1, parameterCounts: [], tensorsSHA256: "")
        }
        try store.save(state(2), model: saved, optimizer: optimizer)
        let weightsAtTwo = saved.parameters.map(\.tensor.values)
        try saved.parameters[0].assign(saved.parameters[0].tensor.values.map { $0 + 1 })
        try store.save(state(4), model: saved, optimizer: optimizer)
        try store.save(state(6), model: saved, optimizer: optimizer)
        let folders = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).sorted()
        XCTAssertEqual(folders, ["step-00000004", "step-00000006"], "the latest two are kept")

        let latest = store.directory.appendingPathComponent("step-00000006/tensors.bin")
        var bytes = try Data(contentsOf: latest)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: latest)
        var refusals: [String] = []
        let restored = try model()
        let fellBack = store.restoreLatest(configHash: "h", model: restored, optimizer: AdamW(parameters: restored.parameters)) { refusals.append($0) }
        XCTAssertEqual(fellBack?.step, 4)
        XCTAssertEqual(refusals.count, 1)
        XCTAssertTrue(refusals[0].contains(store.directory.appendingPathComponent("step-00000006").path), refusals[0])
        XCTAssertEqual(restored.parameters.map(\.tensor.values), saved.parameters.map(\.tensor.values))
        XCTAssertNotEqual(restored.parameters.map(\.tensor.values), weightsAtTwo)
        XCTAssertNil(store.restoreLatest(configHash: "other", model: restored, optimizer: AdamW(parameters: restored.parameters)) { _ in },
                     "a state of another configuration is never taken up")
    }
}
