import Autodiff
import BERT
import ExperimentFixtures
import Foundation
import GRDB
import Records
import TestSupport
@testable import Training
import XCTest

/// A database written before the configuration became typed (protocol, method, stage and saliency
/// were strings) still opens, and every stored configuration decodes into ``RunConfig`` and hashes
/// to the hash stored beside it: finished runs are still found and never repeated.
final class StoredConfigCompatibilityTests: XCTestCase {
    func testDatabaseWrittenBeforeTypedConfigOpensAndKeepsItsHashes() throws {
        let directory = try FixtureDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite")
        let dump = TestPaths.repoRoot.appendingPathComponent("Tests/TrainingTests/Fixtures/runs-written-before-typed-config.sql")
        let queue = try DatabaseQueue(path: path.path)
        try queue.writeWithoutTransaction { try $0.execute(sql: String(contentsOf: dump, encoding: .utf8)) }
        try queue.close()

        let store = try RunStore(path: path)
        let runs = try store.runs()
        XCTAssertFalse(runs.isEmpty, "the fixture holds runs")
        for run in runs {
            let config = try JSONDecoder().decode(RunConfig.self, from: Data(run.configJSON.utf8))
            XCTAssertEqual(config.canonicalJSON(), run.configJSON, "run \(run.id ?? 0): stored JSON round-trips")
            XCTAssertEqual(config.hash, run.configHash, "run \(run.id ?? 0): hash")
            XCTAssertEqual(config.method.rawValue, run.method)
            XCTAssertEqual(config.stage.rawValue, run.stage)
            XCTAssertEqual(config.trainingProtocol.rawValue, run.protocolName)
            XCTAssertNotNil(try store.completedRun(configHash: config.hash), "run \(run.id ?? 0) counts as finished")
        }
    }

    /// fp32 configurations have no precision key (their hashes are those recorded before it was a
    /// setting); a bf16 one records it, hashes apart, and its mixup stage starts from the bf16
    /// normal run.
    func testPrecisionIsPartOfTheConfigurationOnlyWhenBF16() throws {
        let directory = try TestPaths.model("model.safetensors").deletingLastPathComponent()
        let model = try ModelIdentity(model: ModelDirectory(directory))
        func configurations(_ precision: Precision) -> StageConfigurations {
            StageConfigurations(settings: SessionSettings(task: "trec-coarse", seed: 0, modelDirectory: directory,
                                                          dataDirectory: directory, database: directory, trainingProtocol: .paper,
                                                          precision: precision), model: model)
        }
        let fp32 = configurations(.fp32).normal(epochs: StageRecipe.released.normalEpochs, learningRate: StageRecipe.released.normalLearningRate)
        let bf16 = configurations(.bf16).normal(epochs: StageRecipe.released.normalEpochs, learningRate: StageRecipe.released.normalLearningRate)
        XCTAssertFalse(fp32.canonicalJSON().contains("precision"), fp32.canonicalJSON())
        XCTAssertTrue(bf16.canonicalJSON().contains("\"precision\":\"bf16\""), bf16.canonicalJSON())
        XCTAssertNotEqual(fp32.hash, bf16.hash)
        XCTAssertEqual(try JSONDecoder().decode(RunConfig.self, from: Data(bf16.canonicalJSON().utf8)).productPrecision, .bf16)
        let mix = configurations(.bf16).mix(method: .ssmix, options: MixStageOptions())
        XCTAssertEqual(mix.startsFrom, bf16.hash)
        XCTAssertEqual(mix.productPrecision, .bf16)
    }
}
