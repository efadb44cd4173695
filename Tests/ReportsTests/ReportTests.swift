import ExperimentFixtures
import Foundation
@testable import Records
@testable import Reports
import TestSupport
import XCTest

final class ReportTests: XCTestCase {
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

    private func expected(_ name: String) throws -> String {
        let url = TestPaths.repoRoot.appendingPathComponent("Tests/ReportsTests/Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    func testTable2MarkdownMatchesTheExpectedFile() throws {
        let markdown = MarkdownReport.render(try FixtureDatabase.table(.table2, path: database))
        XCTAssertEqual(markdown, try expected("expected-table2.md"))
    }

    func testTableA1MarkdownMatchesTheExpectedFile() throws {
        let markdown = MarkdownReport.render(try FixtureDatabase.table(.tableA1, path: database))
        XCTAssertEqual(markdown, try expected("expected-tableA1.md"))
    }

    func testCellsCountLatestFinishedRunsOfTheProtocolOnly() throws {
        let table = try FixtureDatabase.table(.table2, path: database)
        let normal = try XCTUnwrap(table.rows.first { $0.method == "normal" })
        let rte = try XCTUnwrap(normal.cells.first { $0.column == "rte" })
        XCTAssertEqual(rte.count, 1)
        XCTAssertEqual(try XCTUnwrap(rte.statistics.mean), 62.0, accuracy: 1e-9, "the later of two finished runs counts")
        let coarse = try XCTUnwrap(normal.cells.first { $0.column == "trec-coarse" })
        XCTAssertEqual(coarse.seeds, [0, 1, 2], "the fixed-protocol seed 3 does not count under paper")
        XCTAssertEqual(try XCTUnwrap(coarse.statistics.standardDeviation), 0.305505, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(coarse.delta), 96.066667 - 97.08, accuracy: 1e-6)
        let ssmix = try XCTUnwrap(table.rows.first { $0.method == "ssmix" })
        XCTAssertTrue(try XCTUnwrap(ssmix.cells.first { $0.column == "rte" }).isMissing, "interrupted runs do not count")
        let embedmix = try XCTUnwrap(table.rows.first { $0.method == "embedmix" })
        XCTAssertTrue(try XCTUnwrap(embedmix.cells.first { $0.column == "rte" }).isMissing, "failed runs do not count")

        let fixed = ResultTable(kind: .table2,
                                results: MeasuredResults(runs: try RunStore(path: database).recordedRuns(), protocolName: "fixed"),
                                paper: try FixtureDatabase.paperTables(), date: FixtureDatabase.reportDate)
        XCTAssertEqual(fixed.missingCellCount, fixed.cells.count - 1)
        XCTAssertEqual(fixed.header.seeds, [3])
        XCTAssertEqual(fixed.header.protocolName, "fixed")
    }

    /// A bf16 run (recorded later, so it would win as "the latest") never fills an fp32 table; the
    /// bf16 table counts it alone and says so in its header.
    func testBF16RunsAreCountedApartFromFP32Runs() throws {
        let store = try RunStore(path: database)
        try FixtureDatabase.finished(store, task: "trec-coarse", method: "ssmix", seed: 0, best: 0.5, tag: ",\"precision\":\"bf16\"")
        let runs = try RunStore(path: database).recordedRuns()
        let fp32 = ResultTable(kind: .table2, results: MeasuredResults(runs: runs, protocolName: "paper"),
                               paper: try FixtureDatabase.paperTables(), date: FixtureDatabase.reportDate)
        let fp32Cell = try XCTUnwrap(fp32.rows.first { $0.method == "ssmix" }?.cells.first { $0.column == "trec-coarse" })
        XCTAssertEqual(try XCTUnwrap(fp32Cell.statistics.mean), 96.8, accuracy: 1e-9, "seeds 0 and 1 of the fp32 runs")
        XCTAssertFalse(fp32.header.line.contains("Precision"))
        let bf16 = ResultTable(kind: .table2, results: MeasuredResults(runs: runs, protocolName: "paper", precision: "bf16"),
                               paper: try FixtureDatabase.paperTables(), date: FixtureDatabase.reportDate)
        let bf16Cell = try XCTUnwrap(bf16.rows.first { $0.method == "ssmix" }?.cells.first { $0.column == "trec-coarse" })
        XCTAssertEqual(bf16Cell.seeds, [0])
        XCTAssertEqual(try XCTUnwrap(bf16Cell.statistics.mean), 50.0, accuracy: 1e-9)
        XCTAssertEqual(bf16.missingCellCount, bf16.cells.count - 1)
        XCTAssertTrue(bf16.header.line.contains("Protocol: paper · Precision: bf16 · Seeds: 0"), bf16.header.line)
    }

    func testAFullRecipeRunBeatsACappedOneAndCappedCellsAreMarked() throws {
        let store = try RunStore(path: database)
        let capped = ",\"maxTrainExamples\":1024"
        try FixtureDatabase.finished(store, task: "trec-coarse", method: "tmix", seed: 0, best: 0.5, tag: capped)
        try FixtureDatabase.finished(store, task: "trec-fine", method: "normal", seed: 0, best: 0.3, tag: capped)
        let table = try FixtureDatabase.table(.table2, path: database)
        let tmix = try XCTUnwrap(table.rows.first { $0.method == "tmix" }?.cells.first { $0.column == "trec-coarse" })
        XCTAssertEqual(try XCTUnwrap(tmix.statistics.mean), 96.5, accuracy: 1e-9, "the later capped run does not replace the full one")
        XCTAssertFalse(tmix.isCapped)
        let fine = try XCTUnwrap(table.rows.first { $0.method == "normal" }?.cells.first { $0.column == "trec-fine" })
        XCTAssertTrue(fine.isCapped)
        let markdown = MarkdownReport.render(table)
        XCTAssertTrue(markdown.contains("30.00 (1) †** · 86.68 · -56.68 |"), markdown)
        XCTAssertTrue(markdown.contains("**Not a reproduction:** 1 of the counted runs trained on at most 1024 examples"), markdown)
    }

    func testTableB1HasTheUNKRowAndMarksTiedBestMeans() throws {
        let table = try FixtureDatabase.table(.tableB1, path: database)
        XCTAssertEqual(table.rows.map(\.method), ["normal", "unk", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span"])
        let columnIndex = try XCTUnwrap(table.columns.firstIndex { $0.name == "trec-coarse" })
        let best = table.rows.filter { $0.cells[columnIndex].isBest }.map(\.method)
        XCTAssertEqual(best, ["unk", "ssmix"], "both show 96.80: a tie as shown marks both")
        let unk = table.rows[1].cells[columnIndex]
        XCTAssertEqual(try XCTUnwrap(unk.statistics.mean), 96.8, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(unk.paper), 97.44, accuracy: 1e-9)
        XCTAssertTrue(MarkdownReport.render(table).contains("| unk | "))
    }

    func testEmptyDatabaseGivesTheLayoutWithDashesAndAHint() throws {
        let empty = ResultTable(kind: .table2, results: MeasuredResults(runs: [], protocolName: "paper"),
                                paper: try FixtureDatabase.paperTables(), date: FixtureDatabase.reportDate)
        XCTAssertEqual(empty.missingCellCount, 6 * ReportColumn.all.count)
        let markdown = MarkdownReport.render(empty)
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Method") && !$0.hasPrefix("| ---") }
        XCTAssertEqual(tableLines.count, ReportTableKind.table2.methods.count)
        for line in tableLines {
            let cells = line.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, ReportColumn.all.count)
            XCTAssertTrue(cells.allSatisfy { $0.hasPrefix("— · ") }, String(line))
        }
        XCTAssertTrue(markdown.contains("Model: none yet · Protocol: paper · Seeds: none yet · Date: 2025-06-01"))
        XCTAssertTrue(markdown.contains("(84 of 84 cells)"))
        XCTAssertTrue(markdown.contains("ssmix-exp run --plan experiments/trec.toml"))
    }

    func testCSVHasOneLinePerCellWithPlainNumbers() throws {
        let table = try FixtureDatabase.table(.table2, path: database)
        let lines = CSVReport.render(table).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, CSVReport.header)
        XCTAssertEqual(lines.count, 1 + table.cells.count)
        XCTAssertTrue(lines.contains("2,paper,ssmix,trec-coarse,2,96.8000,0.2828,96.8000,97.6000,-0.8000,1,0 1,0,hash-trec-co hash-trec-co"))
        XCTAssertTrue(lines.contains("2,paper,embedmix,sst2,0,,,,93.0300,,0,,0,"))
    }

    func testJSONCarriesTheHeaderAndEveryCell() throws {
        let table = try FixtureDatabase.table(.table2, path: database)
        let json = try JSONReport.render(table)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["table"] as? String, "2")
        XCTAssertEqual(object["protocol"] as? String, "paper")
        XCTAssertEqual(object["models"] as? [String], ["all-MiniLM-L6-v2"])
        XCTAssertEqual(object["seeds"] as? [Int], [0, 1, 2])
        XCTAssertEqual(object["date"] as? String, "2025-06-01")
        XCTAssertEqual(object["missingCells"] as? Int, table.missingCellCount)
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, table.rows.count)
        let ssmixCells = try XCTUnwrap(rows[3]["cells"] as? [[String: Any]])
        let coarse = try XCTUnwrap(ssmixCells.first { $0["column"] as? String == "trec-coarse" })
        XCTAssertEqual(coarse["mean"] as? Double, 96.8)
        XCTAssertEqual(coarse["std"] as? Double, 0.2828)
        XCTAssertEqual(coarse["best"] as? Bool, true)
    }

    func testBuiltInPaperTablesEqualTheTranscriptionInShared() throws {
        let shared = TestPaths.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/paper/tables.tsv")
        let reference = try PaperTables.load(from: shared)
        let builtIn = try PaperTables.published()
        for kind in ReportTableKind.allCases {
            for method in kind.methods {
                for column in ReportColumn.all {
                    XCTAssertEqual(builtIn.value(table: kind, method: method, column: column.name),
                                   reference.value(table: kind, method: method, column: column.name),
                                   "\(kind.rawValue) \(method) \(column.name)")
                }
            }
        }
    }

    func testPaperTablesFileCoversEveryRowAndColumn() throws {
        let paper = try FixtureDatabase.paperTables()
        for kind in ReportTableKind.allCases where kind != .family {
            for method in kind.methods {
                for column in ReportColumn.all {
                    XCTAssertNotNil(paper.value(table: kind, method: method, column: column.name), "\(kind.rawValue) \(method) \(column.name)")
                }
            }
        }
        let family = ResultTable(kind: .family, results: MeasuredResults(runs: [], protocolName: "paper"), paper: paper,
                                 date: FixtureDatabase.reportDate)
        for row in family.rows {
            let known = ExperimentCatalog.paperMethods.contains(row.method)
            XCTAssertEqual(row.cells.allSatisfy { $0.paper != nil }, known, "\(row.method): Table 2's numbers for the paper's methods, none for the rest")
        }
        XCTAssertTrue(MarkdownReport.render(family).contains("The paper has no numbers for WordMix, SenMix and Manifold Mixup"))
        XCTAssertTrue(MarkdownReport.render(family).contains("Fill them with `ssmix-exp run --plan experiments/family.toml`"),
                      "an empty family table points to the family plan")
        XCTAssertEqual(paper.value(table: .tableA1, method: "ssmix", column: "rte"), 2.57)
        XCTAssertEqual(paper.value(table: .tableB1, method: "unk", column: "trec-fine"), 89.24)
    }

    func testMalformedPaperTablesNameTheLine() {
        let text = "# comment\ntable\tmethod\tsst2\n2\tnormal\tnot-a-number\n"
        XCTAssertThrowsError(try PaperTables(tsv: text, path: "paper.tsv")) { error in
            XCTAssertEqual("\(error)", "paper.tsv:3: `not-a-number` in column sst2 is not a number")
        }
        XCTAssertThrowsError(try PaperTables(tsv: "table\tmethod\tsst2\n2\tnormal\n", path: "paper.tsv")) { error in
            XCTAssertEqual("\(error)", "paper.tsv:2: 2 fields, the header has 3")
        }
    }

    func testSampleStatisticsUseTheNMinusOneDenominator() {
        let statistics = SampleStatistics([2, 4, 4, 4, 5, 5, 7, 9])
        XCTAssertEqual(statistics.count, 8)
        XCTAssertEqual(statistics.mean, 5)
        XCTAssertEqual(try XCTUnwrap(statistics.standardDeviation), (32.0 / 7).squareRoot(), accuracy: 1e-12)
        XCTAssertNil(SampleStatistics([3]).standardDeviation)
        XCTAssertNil(SampleStatistics([]).mean)
    }

    func testReportWrittenToADirectoryEmbedsItsCharts() throws {
        let out = directory.appendingPathComponent("reports")
        let request = ReportRequest(
            tables: [.table2], includeGains: false, format: .markdown, protocolName: "paper", databasePath: database, ledgerPath: nil, paperTablesPath: nil,
            outputDirectory: out, drawCharts: true, date: FixtureDatabase.reportDate)
        let output = try ReportGenerator.run(request)
        let markdown = try String(contentsOf: out.appendingPathComponent("table2.md"), encoding: .utf8)
        XCTAssertEqual(output.texts, [markdown])
        for chart in ["table2-accuracy-trec-coarse", "table2-accuracy-rte", "table2-accuracy-anli-r1-test",
                      "table2-curve-trec-coarse", "table2-ours-vs-paper"] {
            XCTAssertTrue(markdown.contains("](\(chart).png) ([SVG](\(chart).svg))"), chart)
            for ext in ["png", "svg"] {
                let size = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("\(chart).\(ext)").path)[.size] as? Int
                XCTAssertGreaterThan(size ?? 0, 0, "\(chart).\(ext)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("table2-accuracy-sst2.png").path),
                       "columns without results get no chart")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no scratch files remain")
    }
}
