import ExperimentFixtures
import Foundation
@testable import Records
@testable import Reports
import XCTest

/// The t-test against closed forms and published critical values, the bootstrap against the
/// exact bootstrap distribution, and gains and claims on the fixture database.
final class StatisticsTests: XCTestCase {
    func testTwoSidedPMatchesTheClosedFormsForOneAndTwoDegreesOfFreedom() {
        for t in [0.1, 0.5, 1.0, 2.0, 4.0, 12.706, 40.0] {
            let oneExact = 1 - 2 / Double.pi * atan(t)
            let twoExact = 1 - t / (2 + t * t).squareRoot()
            XCTAssertEqual(StudentT.twoSidedP(t: t, degreesOfFreedom: 1), oneExact, accuracy: oneExact * 1e-10, "ν 1, t \(t)")
            XCTAssertEqual(StudentT.twoSidedP(t: -t, degreesOfFreedom: 2), twoExact, accuracy: twoExact * 1e-10, "ν 2, t \(t)")
        }
    }

    func testTwoSidedPAtPublishedCriticalValues() {
        // Two-sided critical values of Student's t (printed tables, three decimals).
        let critical: [(ν: Double, t: Double, p: Double)] = [
            (4, 2.776, 0.05), (10, 2.228, 0.05), (30, 2.042, 0.05), (4, 4.604, 0.01), (10, 3.169, 0.01), (3, 5.841, 0.01),
        ]
        for row in critical {
            XCTAssertEqual(StudentT.twoSidedP(t: row.t, degreesOfFreedom: row.ν), row.p, accuracy: row.p * 0.002, "ν \(row.ν), t \(row.t)")
        }
    }

    func testBootstrapIntervalMatchesTheExactBootstrapDistribution() {
        let values = [0.1, 0.7, 1.9, 3.4]
        var exactMeans: [Double] = []
        for a in values { for b in values { for c in values { for d in values { exactMeans.append((a + b + c + d) / 4) } } } }
        exactMeans.sort()
        let exactLow = PairedDifference.percentile(exactMeans, 0.025), exactHigh = PairedDifference.percentile(exactMeans, 0.975)
        let interval = PairedDifference.bootstrapInterval(values, resamples: PairedDifference.resamples, seed: PairedDifference.bootstrapSeed)
        let spacing = (values.max()! - values.min()!) / 4 * 0.5
        XCTAssertEqual(interval.lowerBound, exactLow, accuracy: spacing, "within half a step of the mean's lattice")
        XCTAssertEqual(interval.upperBound, exactHigh, accuracy: spacing)
        XCTAssertEqual(PairedDifference.bootstrapInterval([2.5, 2.5, 2.5], resamples: 1000, seed: 1), 2.5...2.5)
    }

    func testDifferenceTestAndVerdicts() throws {
        let clear = PairedDifference([1.0, 1.2, 0.9, 1.1, 1.05])
        XCTAssertEqual(try XCTUnwrap(clear.mean), 1.05, accuracy: 1e-12)
        XCTAssertEqual(clear.verdict, .holds)
        XCTAssertEqual(PairedDifference([-1.0, -1.2, -0.9, -1.1, -1.05]).verdict, .fails)
        XCTAssertEqual(PairedDifference([1.0, -1.2, 0.9]).verdict, .undecided)
        let single = PairedDifference([3.0])
        XCTAssertNil(single.interval)
        XCTAssertNil(single.p)
        XCTAssertEqual(single.verdict, .undecided, "one seed decides nothing")
        XCTAssertNil(PairedDifference([0.4, 0.4]).p, "no spread: no t-test")
        // t = mean / (sd / √n) for [0.2, 0.2, 0.4]: mean 4/15, sd 0.11547, t = 4.0 with ν = 2: p = 1 − 4/√18.
        let coarse = PairedDifference([0.2, 0.2, 0.4])
        XCTAssertEqual(try XCTUnwrap(coarse.p), 1 - 4 / 18.0.squareRoot(), accuracy: 1e-9)
    }

    func testGainsAndClaimsOnTheFixture() throws {
        let directory = try FixtureDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let results = MeasuredResults(runs: try RunStore(path: database).recordedRuns(), protocolName: "paper")
        let paper = try PaperTables.published()
        let gains = GainTable(results: results, paper: paper, date: FixtureDatabase.reportDate)
        let ssmix = try XCTUnwrap(gains.rows.first { $0.column.name == "trec-coarse" && $0.method == "ssmix" })
        XCTAssertEqual(ssmix.pairs.pairs.map(\.seed), [0, 1], "seed 2 has no SSMix run")
        XCTAssertEqual(try XCTUnwrap(ssmix.difference.mean), ((97.0 - 96.0) + (96.6 - 96.4)) / 2, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(ssmix.paperGain), 97.60 - 97.08, accuracy: 1e-9)
        let unk = try XCTUnwrap(gains.rows.first { $0.column.name == "trec-coarse" && $0.method == "unk" })
        XCTAssertEqual(try XCTUnwrap(unk.paperGain), 97.44 - 97.08, accuracy: 1e-9, "UNK's paper mean comes from Table B.1")
        XCTAssertFalse(gains.rows.contains { $0.method == "embedmix" }, "a failed run pairs with nothing")

        let claims = PaperClaims(results: results, paper: paper)
        let first = try XCTUnwrap(claims.claims.first)
        XCTAssertEqual(first.evidence.map(\.column.name), ["trec-coarse", "anli-r1-valid", "anli-r1-test"], "the interrupted RTE SSMix run pairs with nothing")
        XCTAssertEqual(first.verdict, .undecided)
        let markdown = try GainReport.render(gains, claims: claims, format: .markdown)
        XCTAssertTrue(markdown.contains("| TREC-coarse | ssmix | 2 | +0.60 ["), markdown)
        XCTAssertTrue(markdown.contains("1. **SSMix improves on normal fine-tuning on every task** (Table 2; ssmix − normal): **undecided**"))
        let csv = try GainReport.render(gains, claims: claims, format: .csv).split(separator: "\n")
        XCTAssertEqual(csv.first.map(String.init), GainReport.csvHeader)
        XCTAssertEqual(csv.count, 1 + gains.rows.count)
    }

    func testPairsOnlyRunsThatContinueTheSameFirstStage() throws {
        let directory = try FixtureDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("runs.sqlite")
        try FixtureDatabase.build(at: database)
        let store = try RunStore(path: database)
        // A smoke-plan TMix run for seed 1, whose normal stage (capped) is not the counted full-recipe one.
        try FixtureDatabase.finished(store, task: "trec-coarse", method: "tmix", seed: 1, best: 0.33,
                                     tag: ",\"maxTrainExamples\":256,\"startsFrom\":\"capped-normal\"")
        // An SSMix run for seed 2 that names the counted normal run of seed 2 as its start.
        try FixtureDatabase.finished(store, task: "trec-coarse", method: "ssmix", seed: 2, best: 0.962,
                                     tag: ",\"startsFrom\":\"hash-trec-coarse-normal-2-paper\"")
        let results = MeasuredResults(runs: try store.recordedRuns(), protocolName: "paper")
        let tmix = SeedPairs(results: results, first: "tmix", second: "normal", column: try XCTUnwrap(ReportColumn.named("trec-coarse")))
        XCTAssertEqual(tmix.pairs.map(\.seed), [0], "the capped seed-1 run did not start from the full normal run")
        let ssmix = SeedPairs(results: results, first: "ssmix", second: "normal", column: try XCTUnwrap(ReportColumn.named("trec-coarse")))
        XCTAssertEqual(ssmix.pairs.map(\.seed), [0, 1, 2])
        let versus = SeedPairs(results: results, first: "ssmix", second: "tmix", column: try XCTUnwrap(ReportColumn.named("trec-coarse")))
        XCTAssertEqual(versus.pairs.map(\.seed), [0], "seed 1's two runs continue different first stages")
    }
}
