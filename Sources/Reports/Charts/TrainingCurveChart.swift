import Records
/// Evaluation accuracy over training steps for one task, one line per method.
enum TrainingCurveChart {
    /// The chart of `curves`, named after `table`'s file stem.
    static func spec(table: ResultTable, curves: TrainingCurves) -> ChartSpec {
        var dataFiles: [String: String] = [:]
        var plots: [String] = []
        for (index, curve) in curves.curves.enumerated() {
            let name = "curve-\(index).dat"
            let lines = ["# step accuracy (percent, mean over seeds)"] + curve.points.map { "\($0.step) \($0.percent)" }
            dataFiles[name] = lines.joined(separator: "\n") + "\n"
            plots.append("'\(name)' using 1:2 with linespoints pointtype 7 pointsize 0.6 title \(ChartSpec.quoted(curve.method))")
        }
        let title = "\(curves.task): evaluation accuracy during training (mean over seeds)"
        return ChartSpec(
            stem: "\(table.kind.fileStem)-curve-\(curves.task)", title: title, dataFiles: dataFiles,
            commands: [
                "set title \(ChartSpec.quoted(title))",
                "set xlabel \"optimizer step (mixup stages continue after the normal stage, from its best checkpoint)\"",
                "set ylabel \"accuracy (%)\"",
                "set grid",
                "set key outside right top vertical",
                "plot " + plots.joined(separator: ", "),
            ])
    }
}
