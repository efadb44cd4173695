import Foundation
@testable import Plans
@testable import Records
import XCTest

final class StageTimeEstimatesTests: XCTestCase {
    private func run(_ method: String, wall: Double, cap: Int? = nil, task: String = "trec-fine", status: RunStatus = .finished,
                     engine: String? = nil) -> RecordedRun {
        let config = cap.map { "{\"maxTrainExamples\":\($0)}" } ?? "{}"
        let record = RunRecord(id: nil, configJSON: config, configHash: "\(task)-\(method)-\(wall)-\(String(describing: cap))", task: task,
                               method: method, seed: 0, stage: method == "normal" ? "normal" : "mix", protocolName: "paper",
                               modelName: "m", modelSHA256: "", gitCommit: "", host: "", processID: 0,
                               started: Date(timeIntervalSince1970: 0), finished: nil, status: status, wallSeconds: wall,
                               examplesPerSecond: nil, bestAccuracy: 0.5, bestTestAccuracy: nil, engine: engine)
        return RecordedRun(record: record, evaluations: [], source: .ledger(path: "l", line: 1))
    }

    func testMeasuredMeansAndScaledFallback() throws {
        let estimates = StageTimeEstimates(runs: [
            run("normal", wall: 200), run("normal", wall: 240), run("ssmix", wall: 1320),
            run("normal", wall: 22, cap: 256), run("tmix", wall: 999, status: .interrupted),
        ])
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-fine", method: "normal", model: "m", cap: nil)), 220, accuracy: 1e-9)
        // No capped SSMix run yet: the capped normal time × SSMix's full-recipe cost relative to normal (1320 / 220).
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-fine", method: "ssmix", model: "m", cap: 256)), 22 * 6, accuracy: 1e-9)
        XCTAssertNil(estimates.estimate(task: "trec-fine", method: "tmix", model: "m", cap: nil), "unfinished runs are not measurements")
        XCTAssertNil(estimates.estimate(task: "trec-coarse", method: "normal", model: "m", cap: nil))
    }

    func testAMethodMeasuredOnAnotherTaskScalesByThisTasksNormalTime() throws {
        let estimates = StageTimeEstimates(runs: [
            run("normal", wall: 200), run("unk", wall: 700),
            run("normal", wall: 300, task: "trec-coarse"),
        ])
        // TREC-coarse UNK was never run: its normal time × UNK's cost relative to normal on TREC-fine (700 / 200).
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-coarse", method: "unk", model: "m", cap: nil)), 300 * 3.5, accuracy: 1e-9)
        XCTAssertNil(estimates.estimate(task: "trec-coarse", method: "tmix", model: "m", cap: nil), "no task measured TMix")
        XCTAssertNil(estimates.estimate(task: "rte", method: "unk", model: "m", cap: nil), "no RTE normal time to scale")
    }

    func testTimesOfTheCurrentEngineReplaceOlderOnes() throws {
        var estimates = StageTimeEstimates(runs: [
            run("normal", wall: 600), run("normal", wall: 500, engine: "old"), run("normal", wall: 200, engine: "new"),
            run("ssmix", wall: 1300, engine: "old"), run("ssmix", wall: 1100),
        ], engine: "new")
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-fine", method: "normal", model: "m", cap: nil)), 200, accuracy: 1e-9)
        // No SSMix run on the new engine: every engine's times count.
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-fine", method: "ssmix", model: "m", cap: nil)), 1200, accuracy: 1e-9)
        estimates.add(task: "trec-fine", method: "ssmix", model: "m", cap: nil, seconds: 700)
        XCTAssertEqual(try XCTUnwrap(estimates.estimate(task: "trec-fine", method: "ssmix", model: "m", cap: nil)), 700, accuracy: 1e-9,
                       "a stage that just finished ran on the current engine")
    }
}
