import FileSupport
import Foundation
import Records

/// Draws charts with gnuplot: data files and a script go to a scratch folder inside the
/// output directory, and the finished PNG and SVG are renamed into place, so an interrupted
/// run never leaves half a picture.
public struct ChartRenderer: Sendable {
    private let gnuplot: Gnuplot
    private let pngTerminal: String

    /// Draws with `gnuplot`, asking it once which PNG terminal it has.
    public init(gnuplot: Gnuplot) {
        self.gnuplot = gnuplot
        pngTerminal = gnuplot.pngTerminal()
    }

    /// Draws every chart of `table` into `directory`: accuracy per method for each column with
    /// results (not for Table A.1, whose numbers are deviations), training curves for each task,
    /// and ours against the paper. Returns the links in that order.
    public func render(table: ResultTable, curves: [TrainingCurves], into directory: URL) throws -> [ChartLink] {
        var specs: [ChartSpec] = []
        if !table.kind.showsStandardDeviation {
            specs += table.columns.indices.compactMap { AccuracyChart.spec(table: table, columnIndex: $0) }
            specs += curves.map { TrainingCurveChart.spec(table: table, curves: $0) }
        }
        if let spec = OursVersusPaperChart.spec(table: table) { specs.append(spec) }
        return try specs.map { try draw($0, into: directory) }
    }

    /// Draws one chart as `<stem>.png` and `<stem>.svg` in `directory`.
    func draw(_ spec: ChartSpec, into directory: URL) throws -> ChartLink {
        let scratch = directory.appendingPathComponent(".chart-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: directory.path, reason: "cannot create a scratch folder for charts")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (name, text) in spec.dataFiles {
            try AtomicFile.write(text, to: scratch.appendingPathComponent(name))
        }
        let link = ChartLink(title: spec.title, stem: spec.stem)
        try AtomicFile.write(script(for: spec, link: link), to: scratch.appendingPathComponent("chart.gp"))
        try gnuplot.runScript(named: "chart.gp", in: scratch)
        for name in [link.png, link.svg] {
            try AtomicFile.commit(scratch.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return link
    }

    private func script(for spec: ChartSpec, link: ChartLink) -> String {
        let lines = ["set encoding utf8", "set terminal \(pngTerminal) size 1000,600 noenhanced",
                     "set output '\(link.png)'"]
            + spec.commands
            + ["set terminal svg size 1000,600 noenhanced dynamic", "set output '\(link.svg)'", "replot", "unset output"]
        return lines.joined(separator: "\n") + "\n"
    }
}
