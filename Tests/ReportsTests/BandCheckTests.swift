import ExperimentFixtures
import Foundation
@testable import Records
@testable import Reports
import TestSupport
import XCTest

final class BandCheckTests: XCTestCase {
    private var directory: URL!
    private var database: URL!

    override func setUpWithError() throws {
        directory = try FixtureDatabase.temporaryDirectory()
        database = directory.appendingPathComponent("runs/ssmix.sqlite")
        try FixtureDatabase.build(at: database)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func check(_ bandsText: String) throws -> BandCheck {
        let bands = try BandFile.parse(bandsText, path: "bands.toml")
        return BandCheck(bands: bands, results: MeasuredResults(runs: try RunStore(path: database).recordedRuns(), protocolName: "paper"))
    }

    private func band(_ task: String, _ method: String, _ low: Double, _ high: Double) -> String {
        "[[band]]\ntask = \"\(task)\"\nmethod = \"\(method)\"\nlow = \(low)\nhigh = \(high)\nderived = \"test\"\n"
    }

    func testMeansInsideTheirBandsPass() throws {
        let result = try check(band("trec-coarse", "normal", 95.5, 96.5) + band("anli-r1-test", "ssmix", 51, 51))
        XCTAssertTrue(result.passed)
        XCTAssertEqual(result.findings.map(\.outcome), [.inside, .inside])
    }

    func testAMeanOutsideItsBandFails() throws {
        let result = try check(band("trec-coarse", "normal", 95.5, 96.5) + band("trec-coarse", "ssmix", 97, 98))
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failures.map(\.line), ["trec-coarse / ssmix: mean 96.80 (n=2) outside [97.00, 98.00]"])
        XCTAssertEqual("\(BandCheckFailure(result))", "1 of 2 bands failed: 1 outside, 0 missing")
    }

    func testAMissingCellFails() throws {
        let result = try check(band("rte", "ssmix", 0, 100))
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failures.map(\.outcome), [.missing])
        XCTAssertEqual(result.failures.first?.line, "rte / ssmix: missing (no finished run) for band [0.00, 100.00]")
    }

    /// Every shipped band parses, is a real range and was derived from at least three full-recipe seeds.
    func testShippedBandsComeFromFullRecipeRunsOfThreeSeedsOrMore() throws {
        let bands = try BandFile.load(from: TestPaths.repoRoot.appendingPathComponent("experiments/bands.toml"))
        XCTAssertFalse(bands.isEmpty)
        for band in bands {
            XCTAssertLessThan(band.low, band.high, "\(band.column) / \(band.method)")
            XCTAssertTrue(band.derived.hasPrefix("full recipe"), "\(band.column) / \(band.method): \(band.derived)")
            let count = band.derived.range(of: #"\(n = (\d+)\)"#, options: .regularExpression).map { band.derived[$0].filter(\.isNumber) }
            XCTAssertGreaterThanOrEqual(Int(count ?? "") ?? 0, BandDerivation.minimumSeeds, band.derived)
        }
        XCTAssertEqual(Set(bands.map { "\($0.column)/\($0.method)" }).count, bands.count, "one band per cell")
    }

    func testDerivedBandsUseThreeSeedsOfUncappedRunsAndTheFloor() throws {
        let store = try RunStore(path: database)
        try FixtureDatabase.finished(store, task: "trec-coarse", method: "normal", seed: 4, best: 0.30, tag: ",\"maxTrainExamples\":256")
        let results = MeasuredResults(runs: try store.recordedRuns(), protocolName: "paper")
        let derivation = BandDerivation(results: results, date: "2025-06-01")
        XCTAssertEqual(derivation.bands.map { "\($0.column)/\($0.method)" }, ["trec-coarse/normal"], "only cells with 3 seeds")
        let first = try XCTUnwrap(derivation.bands.first)
        // Seeds 0-2: 96.00, 96.40, 95.80; mean 96.0667, std 0.3055: 3 std = 0.92 < the 1-point floor.
        XCTAssertEqual(first.low, 95.07, accuracy: 1e-9)
        XCTAssertEqual(first.high, 97.07, accuracy: 1e-9)
        XCTAssertTrue(first.derived.contains("seeds 0,1,2 (n = 3)"), "the capped seed 4 does not count: \(first.derived)")
        XCTAssertEqual(try BandFile.parse(derivation.toml(), path: "derived.toml"), derivation.bands, "the written file reads back")
        XCTAssertTrue(try check(derivation.toml()).passed)
        let capped = try check(band("trec-coarse", "normal", 0, 50))
        XCTAssertEqual(capped.findings.first?.mean.map { NumberText.rounded($0, decimals: 4) }, 96.0667, "a capped run never feeds a check")
    }

    func testBadBandsNameTheKey() {
        let cases: [(String, String)] = [
            (band("trec", "ssmix", 1, 2), "bands.toml: band[0].task: must be one of"),
            (band("rte", "mixup", 1, 2), "bands.toml: band[0].method: must be one of"),
            (band("rte", "ssmix", 5, 2), "bands.toml: band[0].high: must be a percentage between `low` and 100"),
            (band("rte", "ssmix", 1, 2) + band("rte", "ssmix", 1, 3), "bands.toml: band[1]: a second band for ssmix on rte"),
            ("[[band]]\ntask = \"rte\"\nmethod = \"ssmix\"\nlow = 1\nhigh = 2\n", "bands.toml: band[0].derived: must say how"),
            ("bands = 1\n", "bands.toml: bands: unknown key"),
        ]
        for (text, prefix) in cases {
            XCTAssertThrowsError(try BandFile.parse(text, path: "bands.toml")) { error in
                XCTAssertTrue("\(error)".hasPrefix(prefix), "\(error) should start with \(prefix)")
            }
        }
    }
}
