import ExperimentFixtures
import Foundation
import Records
import Reports

extension FixtureDatabase {
    /// The paper tables built into the binary.
    static func paperTables() throws -> PaperTables {
        try PaperTables.published()
    }

    /// The fixture's Table `kind`, counted under the paper protocol.
    static func table(_ kind: ReportTableKind, path: URL) throws -> ResultTable {
        let results = MeasuredResults(runs: try RunStore(path: path).recordedRuns(), protocolName: "paper")
        return ResultTable(kind: kind, results: results, paper: try paperTables(), date: reportDate)
    }
}
