import ExperimentFixtures
import Foundation
import Mixup
@testable import Records
import TestSupport
@testable import Training
import XCTest

/// `--saliency shared`: refused under the paper protocol, and an SSMix stage with it trains and
/// records the mode in its configuration.
final class SharedSaliencyStageTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TRECWorkspace.make() }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func session(_ trainingProtocol: TrainingProtocol) throws -> TrainingSession {
        try TrainingSession(settings: SessionSettings(
            task: "trec-coarse", seed: 0, modelDirectory: try TestPaths.model("model.safetensors").deletingLastPathComponent(),
            dataDirectory: directory.appendingPathComponent("data"), database: directory.appendingPathComponent("runs/ssmix.sqlite"),
            trainingProtocol: trainingProtocol, batchSize: 8, evalEvery: 4, maxTrainExamples: 16, quiet: true))
    }

    private var sharedOptions: MixStageOptions {
        var options = MixStageOptions()
        options.epochs = 2; options.normalEpochs = 1; options.saliency = .shared
        return options
    }

    func testSharedSaliencyIsRefusedUnderThePaperProtocol() throws {
        XCTAssertThrowsError(try session(.paper).runMix(method: .ssmix, options: sharedOptions)) {
            XCTAssertTrue("\($0)".contains("--protocol fixed"), "\($0)")
        }
    }

    func testSharedSaliencyStageTrainsAndRecordsItsMode() throws {
        let session = try session(.fixed)
        let result = try session.runMix(method: .ssmix, options: sharedOptions)
        XCTAssertFalse(result.skipped)
        XCTAssertEqual(result.steps, 4, "16 examples in batches of 8 for 2 epochs")
        let run = try XCTUnwrap(try session.store.runs().first { $0.method == "ssmix" })
        XCTAssertEqual(run.status, .finished)
        let config = try JSONDecoder().decode(RunConfig.self, from: Data(run.configJSON.utf8))
        XCTAssertEqual(config.mix?.saliency, .shared)
    }
}

