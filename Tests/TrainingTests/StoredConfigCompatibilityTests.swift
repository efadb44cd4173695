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
}
