import Foundation
import Records

/// One of the paper's tables filled with our runs: rows are methods, columns the paper's
/// evaluation sets, each cell our statistic over seeds beside the paper's value.
public struct ResultTable: Sendable {
    /// One method's cells, in column order.
    public struct Row: Sendable {
        /// The method.
        public let method: String
        /// Its cells, one per column.
        public let cells: [ResultCell]
    }

    /// Which paper table this is.
    public let kind: ReportTableKind
    /// Models, protocol, seeds and date.
    public let header: ReportHeader
    /// The columns, in the paper's order.
    public let columns: [ReportColumn]
    /// One row per method, in the paper's order.
    public let rows: [Row]

    /// Builds the table from measured results and the paper's numbers, dated `date`.
    public init(kind: ReportTableKind, results: MeasuredResults, paper: PaperTables, date: Date) {
        self.kind = kind
        columns = ReportColumn.all
        var rows = kind.methods.map { method in
            Row(method: method, cells: ReportColumn.all.map { column in
                Self.cell(kind: kind, method: method, column: column, results: results, paper: paper)
            })
        }
        if !kind.showsStandardDeviation { Self.markBest(in: &rows) }
        self.rows = rows
        let counted = Set(rows.flatMap { $0.cells.flatMap(\.runHashes) })
        header = ReportHeader(runs: results.runs.filter { counted.contains($0.configHash) },
                              protocolName: results.protocolName, precision: results.precision, date: date)
    }

    /// Every cell, row by row.
    public var cells: [ResultCell] { rows.flatMap(\.cells) }

    /// How many cells no finished run fills.
    public var missingCellCount: Int { cells.filter(\.isMissing).count }

    private static func cell(kind: ReportTableKind, method: String, column: ReportColumn,
                             results: MeasuredResults, paper: PaperTables) -> ResultCell {
        let samples = results.samples(method: method, column: column).sorted { $0.seed < $1.seed }
        let statistics = SampleStatistics(samples.map(\.percent))
        return ResultCell(
            method: method, column: column.name, seeds: samples.map(\.seed), runHashes: samples.map(\.run.configHash),
            cappedCount: samples.filter(\.run.isCapped).count,
            statistics: statistics,
            ours: kind.showsStandardDeviation ? statistics.standardDeviation : statistics.mean,
            paper: paper.value(table: kind.paperTable, method: method, column: column.name),
            isBest: false)
    }

    /// Marks, in each column, every cell whose mean, as shown (two decimals), is the column's highest.
    private static func markBest(in rows: inout [Row]) {
        guard let columnCount = rows.first?.cells.count else { return }
        func shown(_ cell: ResultCell) -> Double? {
            cell.statistics.mean.map { NumberText.rounded($0, decimals: 2) }
        }
        for columnIndex in 0..<columnCount {
            let best = rows.compactMap { shown($0.cells[columnIndex]) }.max()
            guard let best else { continue }
            for rowIndex in rows.indices where shown(rows[rowIndex].cells[columnIndex]) == best {
                var cells = rows[rowIndex].cells
                cells[columnIndex].isBest = true
                rows[rowIndex] = Row(method: rows[rowIndex].method, cells: cells)
            }
        }
    }
}
