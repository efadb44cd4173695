import Records
/// Our value against the paper's, one point per filled cell, beside the line ours = paper.
enum OursVersusPaperChart {
    /// The chart of `table`, or nil when no cell has both values.
    static func spec(table: ResultTable) -> ChartSpec? {
        var dataFiles: [String: String] = [:]
        var plots: [String] = []
        for (index, row) in table.rows.enumerated() {
            let points = row.cells.compactMap { cell -> String? in
                guard let ours = cell.ours, let paper = cell.paper else { return nil }
                return "\(paper) \(ours) \(ChartSpec.quoted(cell.column))"
            }
            guard !points.isEmpty else { continue }
            let name = "cells-\(index).dat"
            dataFiles[name] = (["# paper ours column (percent)"] + points).joined(separator: "\n") + "\n"
            plots.append("'\(name)' using 1:2 with points pointtype 7 title \(ChartSpec.quoted(row.method))")
        }
        guard !plots.isEmpty else { return nil }
        let statistic = table.kind.showsStandardDeviation ? "standard deviation" : "mean accuracy"
        let title = "Table \(table.kind.rawValue): our \(statistic) against the paper's (one point per cell)"
        return ChartSpec(
            stem: "\(table.kind.fileStem)-ours-vs-paper", title: title, dataFiles: dataFiles,
            commands: [
                "set title \(ChartSpec.quoted(title))",
                "set xlabel \"paper (%)\"",
                "set ylabel \"ours (%)\"",
                "set grid",
                "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05",
                "set key outside right top vertical",
                "plot " + plots.joined(separator: ", ") + ", x with lines dashtype 2 linecolor \"gray\" title \"ours = paper\"",
            ])
    }
}
