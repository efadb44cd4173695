import ExperimentFixtures
import Foundation
@testable import Records
@testable import Reports
import XCTest

final class ChartTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try FixtureDatabase.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testOneChartFromTheFixtureIsWrittenAsPNGAndSVG() throws {
        let database = directory.appendingPathComponent("db.sqlite")
        try FixtureDatabase.build(at: database)
        let table = try FixtureDatabase.table(.table2, path: database)
        let columnIndex = try XCTUnwrap(table.columns.firstIndex { $0.name == "trec-coarse" })
        let spec = try XCTUnwrap(AccuracyChart.spec(table: table, columnIndex: columnIndex))
        let link = try ChartRenderer(gnuplot: try Gnuplot.locate()).draw(spec, into: directory)
        XCTAssertEqual(link.png, "table2-accuracy-trec-coarse.png")
        let png = try Data(contentsOf: directory.appendingPathComponent(link.png))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "PNG signature")
        let svg = try String(contentsOf: directory.appendingPathComponent(link.svg), encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"))
        XCTAssertTrue(svg.contains("ssmix"), "method names label the x axis")
    }

    func testTrainingCurvesAverageThePeriodicSplitOverSeeds() throws {
        func evaluation(_ run: Int64, _ step: Int, _ split: String, _ accuracy: Double) -> EvaluationRecord {
            EvaluationRecord(id: nil, runID: run, step: step, epoch: 0, split: split, accuracy: accuracy, loss: nil,
                             recorded: Date(timeIntervalSince1970: 0))
        }
        let seed0 = [evaluation(1, 10, "dev", 0.5), evaluation(1, 20, "dev", 0.6), evaluation(1, 20, "test", 0.9)]
        let seed1 = [evaluation(2, 10, "dev", 0.7), evaluation(2, 20, "dev", 0.8)]
        let periodic = [seed0, seed1].map(TrainingCurves.periodicEvaluations)
        XCTAssertEqual(periodic[0].map(\.split), ["dev", "dev"])
        let points = TrainingCurves.meanByStep(periodic)
        XCTAssertEqual(points.map(\.step), [10, 20])
        XCTAssertEqual(points[0].percent, 60, accuracy: 1e-9)
        XCTAssertEqual(points[1].percent, 70, accuracy: 1e-9)
    }

    func testMissingGnuplotIsAClearError() {
        XCTAssertThrowsError(try Gnuplot.locate(searchPath: directory.path)) { error in
            XCTAssertEqual(error as? ChartError, .gnuplotNotFound)
            XCTAssertTrue("\(error)".hasPrefix("gnuplot was not found on PATH"))
        }
    }
}
