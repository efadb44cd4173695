import Foundation
import Records

/// Renders a result table as JSON: the header, the columns and every cell with plain numbers
/// (percentages; absent values are left out).
public enum JSONReport {
    private struct Document: Encodable {
        let table: String
        let title: String
        let models: [String]
        let protocolName: String
        let seeds: [Int]
        let date: String
        let columns: [Column]
        let rows: [Row]
        let missingCells: Int
        let hint: String?
        let warning: String?

        enum CodingKeys: String, CodingKey {
            case table, title, models, protocolName = "protocol", seeds, date, columns, rows, missingCells, hint, warning
        }
    }

    private struct Column: Encodable {
        let name: String
        let title: String
    }

    private struct Row: Encodable {
        let method: String
        let cells: [Cell]
    }

    private struct Cell: Encodable {
        let column: String
        let n: Int
        let seeds: [Int]
        let mean: Double?
        let std: Double?
        let ours: Double?
        let paper: Double?
        let delta: Double?
        let best: Bool
        let capped: Int
        let runs: [String]
    }

    /// The JSON text, pretty-printed with sorted keys.
    public static func render(_ table: ResultTable) throws -> String {
        let document = Document(
            table: table.kind.rawValue, title: table.kind.title, models: table.header.models,
            protocolName: table.header.protocolName, seeds: table.header.seeds, date: table.header.date,
            columns: table.columns.map { Column(name: $0.name, title: $0.title) },
            rows: table.rows.map { row in
                Row(method: row.method, cells: row.cells.map { cell in
                    Cell(column: cell.column, n: cell.count, seeds: cell.seeds,
                         mean: rounded(cell.statistics.mean), std: rounded(cell.statistics.standardDeviation),
                         ours: rounded(cell.ours), paper: rounded(cell.paper), delta: rounded(cell.delta),
                         best: cell.isBest, capped: cell.cappedCount, runs: cell.runHashes)
                })
            },
            missingCells: table.missingCellCount, hint: MissingCellHint.line(for: table),
            warning: table.header.cappedWarning)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func rounded(_ value: Double?) -> Double? {
        value.map { NumberText.rounded($0, decimals: 4) }
    }
}
