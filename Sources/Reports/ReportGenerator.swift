import FileSupport
import Foundation
import Records

/// Everything `report` needs to know.
public struct ReportRequest: Sendable {
    /// The tables to render.
    public var tables: [ReportTableKind]
    /// Whether to render the gains over normal and the paper's claims (`gains.<ext>`) after the tables.
    public var includeGains: Bool
    /// The output format.
    public var format: ReportFormat
    /// Only runs of this protocol count.
    public var protocolName: String
    /// Only runs of this product precision count (`fp32` or `bf16`).
    public var precision: String
    /// The run database; a missing file counts as empty. Shards in `shards/` beside it count too.
    public var databasePath: URL
    /// The committed results ledger, counted together with the database; nil: none.
    public var ledgerPath: URL?
    /// A file with the paper's numbers; nil: the numbers built into the binary.
    public var paperTablesPath: URL?
    /// Where to write report files and charts; nil prints the reports.
    public var outputDirectory: URL?
    /// Whether to draw charts (only with an output directory).
    public var drawCharts: Bool
    /// The date the header shows.
    public var date: Date

    /// Collects the request.
    public init(tables: [ReportTableKind], includeGains: Bool, format: ReportFormat, protocolName: String, databasePath: URL,
                ledgerPath: URL?, paperTablesPath: URL?, outputDirectory: URL?, drawCharts: Bool, date: Date,
                precision: String = "fp32") {
        self.precision = precision
        self.tables = tables
        self.includeGains = includeGains
        self.format = format
        self.protocolName = protocolName
        self.databasePath = databasePath
        self.ledgerPath = ledgerPath
        self.paperTablesPath = paperTablesPath
        self.outputDirectory = outputDirectory
        self.drawCharts = drawCharts
        self.date = date
    }
}

/// Builds the requested tables from the run database and writes or returns them.
public enum ReportGenerator {
    /// What a report run produced.
    public struct Output: Sendable {
        /// The rendered reports, in request order (also when they were written to files).
        public let texts: [String]
        /// The files written (reports and charts); empty when printing.
        public let writtenFiles: [URL]
        /// Local runs that repeat a ledger run with different results (the ledger's counted).
        public let notes: [String]
    }

    /// Renders every requested table, then the gains and claims when asked; with an output
    /// directory, writes `<stem>.<ext>` and `gains.<ext>` files (and the charts, embedded in
    /// markdown) atomically.
    public static func run(_ request: ReportRequest) throws -> Output {
        let paper = try request.paperTablesPath.map(PaperTables.load(from:)) ?? PaperTables.published()
        let shards = request.databasePath.deletingLastPathComponent().appendingPathComponent("shards")
        let collection = try RunCollection.gather(database: request.databasePath, ledger: request.ledgerPath, shards: shards)
        let results = MeasuredResults(runs: collection.runs, protocolName: request.protocolName, precision: request.precision)
        let renderer = try chartRenderer(for: request)
        var texts: [String] = []
        var written: [URL] = []
        for kind in request.tables {
            let table = ResultTable(kind: kind, results: results, paper: paper, date: request.date)
            var charts: [ChartLink] = []
            if let renderer, let directory = request.outputDirectory {
                let curves = TrainingCurves.build(for: table, results: results)
                charts = try renderer.render(table: table, curves: curves, into: directory)
                written += charts.flatMap { [directory.appendingPathComponent($0.png), directory.appendingPathComponent($0.svg)] }
            }
            let text = try request.format.render(table, charts: charts)
            texts.append(text)
            if let directory = request.outputDirectory {
                let file = directory.appendingPathComponent("\(kind.fileStem).\(request.format.fileExtension)")
                try AtomicFile.write(text, to: file)
                written.append(file)
            }
        }
        if request.includeGains {
            let gains = GainTable(results: results, paper: paper, date: request.date)
            var charts: [ChartLink] = []
            if let renderer, let directory = request.outputDirectory {
                charts = try ReportColumn.all.compactMap { GainChart.spec(gains: gains, column: $0) }.map { try renderer.draw($0, into: directory) }
                written += charts.flatMap { [directory.appendingPathComponent($0.png), directory.appendingPathComponent($0.svg)] }
            }
            let text = try GainReport.render(gains, claims: PaperClaims(results: results, paper: paper), format: request.format, charts: charts)
            texts.append(text)
            if let directory = request.outputDirectory {
                let file = directory.appendingPathComponent("gains.\(request.format.fileExtension)")
                try AtomicFile.write(text, to: file)
                written.append(file)
            }
        }
        return Output(texts: texts, writtenFiles: written, notes: collection.notes)
    }

    private static func chartRenderer(for request: ReportRequest) throws -> ChartRenderer? {
        guard request.drawCharts, request.outputDirectory != nil else { return nil }
        return ChartRenderer(gnuplot: try Gnuplot.locate())
    }
}
