import ExperimentFixtures
import Foundation
import Records
import Reports
import TestSupport

extension FixtureDatabase {
    /// The shipped paper tables.
    static func paperTables() throws -> PaperTables {
        try PaperTables.load(from: TestPaths.repoRoot.appendingPathComponent("experiments/paper-tables.tsv"))
    }

    /// The fixture's Table `kind`, counted under the paper protocol.
    static func table(_ kind: ReportTableKind, path: URL) throws -> ResultTable {
        let results = MeasuredResults(runs: try RunStore(path: path).runs(), protocolName: "paper")
        return ResultTable(kind: kind, results: results, paper: try paperTables(), date: reportDate)
    }
}
