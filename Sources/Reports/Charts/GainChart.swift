import Records
/// One task's gains over normal: each method's mean gain with its 95% bootstrap interval as an
/// error bar, the paper's gain, and the zero line.
enum GainChart {
    /// The chart of `column`, or nil when no method has a pair there.
    static func spec(gains: GainTable, column: ReportColumn) -> ChartSpec? {
        let rows = gains.rows.filter { $0.column == column }
        guard !rows.isEmpty else { return nil }
        var data = ["# index method gain low high paper (points; ? = none)"]
        for (index, row) in rows.enumerated() {
            let mean = row.difference.mean.map { String($0) } ?? "?"
            let low = row.difference.interval.map { String($0.lowerBound) } ?? mean
            let high = row.difference.interval.map { String($0.upperBound) } ?? mean
            data.append("\(index) \(ChartSpec.quoted(row.method)) \(mean) \(low) \(high) \(row.paperGain.map { String($0) } ?? "?")")
        }
        let title = "\(column.title): gain over normal per method (mean of seed pairs, 95% bootstrap interval)"
        return ChartSpec(
            stem: "gains-\(column.name)", title: title,
            dataFiles: ["gains.dat": data.joined(separator: "\n") + "\n"],
            commands: [
                "set datafile missing \"?\"",
                "set title \(ChartSpec.quoted(title))",
                "set ylabel \"gain over normal (points)\"",
                "set xrange [-0.5:\(Double(rows.count) - 0.5)]",
                "set xtics rotate by -25",
                "set offsets 0, 0, graph 0.1, graph 0.1",
                "set grid ytics",
                "set key outside top center horizontal",
                "plot 'gains.dat' using 1:3:4:5:xtic(2) with yerrorbars pointtype 7 title \"ours (mean, 95% CI)\", "
                    + "'' using 1:6 with points pointtype 6 pointsize 2 title \"paper\", "
                    + "0 with lines dashtype 2 linecolor \"gray\" notitle",
            ])
    }
}
