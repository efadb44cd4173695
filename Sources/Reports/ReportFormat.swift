import Records
/// The formats `report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// A markdown page in the paper's layout, with charts embedded when they were written.
    case markdown
    /// One line per cell with plain numbers, for spreadsheets and scripts.
    case csv
    /// The whole table with its header, for scripts.
    case json

    /// The file extension of a written report.
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .csv: return "csv"
        case .json: return "json"
        }
    }

    /// Renders `table`; markdown embeds `charts` (file names relative to the report).
    public func render(_ table: ResultTable, charts: [ChartLink] = []) throws -> String {
        switch self {
        case .markdown: return MarkdownReport.render(table, charts: charts)
        case .csv: return CSVReport.render(table)
        case .json: return try JSONReport.render(table)
        }
    }
}
