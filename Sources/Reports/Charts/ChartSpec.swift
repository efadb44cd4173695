import Records
/// One chart to draw: its data files and the gnuplot commands that plot them. The renderer
/// adds the terminals and output files, so one spec gives both a PNG and an SVG.
struct ChartSpec {
    /// The file name stem of the PNG and SVG.
    let stem: String
    /// The chart's title.
    let title: String
    /// Data files by name, written beside the script.
    let dataFiles: [String: String]
    /// Settings (labels, ranges) and the final `plot` command.
    let commands: [String]

    /// A data-file string literal, with quotes and backslashes escaped for gnuplot.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
