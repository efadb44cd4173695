import Records
/// Accuracy per method for one column: our mean with a ±std error bar, and the paper's value.
enum AccuracyChart {
    /// The chart of `column` (at `columnIndex`) of `table`, or nil when no method has a result there.
    static func spec(table: ResultTable, columnIndex: Int) -> ChartSpec? {
        let column = table.columns[columnIndex]
        let cells = table.rows.map { $0.cells[columnIndex] }
        guard cells.contains(where: { !$0.isMissing }) else { return nil }
        var data = ["# index method mean std paper (percent; ? = none)"]
        for (index, cell) in cells.enumerated() {
            let mean = cell.statistics.mean.map { String($0) } ?? "?"
            let deviation = cell.statistics.mean == nil ? "?" : String(cell.statistics.standardDeviation ?? 0)
            let paper = cell.paper.map { String($0) } ?? "?"
            data.append("\(index) \(ChartSpec.quoted(cell.method)) \(mean) \(deviation) \(paper)")
        }
        let title = "\(column.title): accuracy per method (Table \(table.kind.rawValue))"
        return ChartSpec(
            stem: "\(table.kind.fileStem)-accuracy-\(column.name)", title: title,
            dataFiles: ["accuracy.dat": data.joined(separator: "\n") + "\n"],
            commands: [
                "set datafile missing \"?\"",
                "set title \(ChartSpec.quoted(title))",
                "set ylabel \"accuracy (%)\"",
                "set xrange [-0.5:\(Double(cells.count) - 0.5)]",
                "set xtics rotate by -25",
                "set offsets 0, 0, graph 0.05, graph 0.05",
                "set grid ytics",
                "set key outside top center horizontal",
                "plot 'accuracy.dat' using 1:3:4:xtic(2) with yerrorbars pointtype 7 title \"ours (mean ± std)\", "
                    + "'' using 1:5 with points pointtype 6 pointsize 2 title \"paper\"",
            ])
    }
}
