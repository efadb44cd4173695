import FileSupport
import Foundation
import Records

/// The paper's published numbers (experiments/paper-tables.tsv): per table, method and column,
/// a percentage (a mean in Tables 2 and B.1, a standard deviation in Table A.1).
///
/// Format: `#` comment lines, one header line `table<TAB>method<TAB>column…`, then one line per
/// table and method. An empty value means the paper gives none.
public struct PaperTables: Sendable {
    private let values: [Key: Double]

    private struct Key: Hashable {
        let table: String
        let method: String
        let column: String
    }

    /// The value the paper reports for a cell, in percent, if any.
    public func value(table: ReportTableKind, method: String, column: String) -> Double? {
        values[Key(table: table.rawValue, method: method, column: column)]
    }

    /// Reads and checks the file.
    /// - Throws: `FileLineError` naming the file and line of the first problem.
    public static func load(from url: URL) throws -> PaperTables {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FileLineError(path: url.path, line: nil,
                                   problem: "cannot read the file: run from the repository root or pass --paper-tables")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileLineError(path: url.path, line: nil, problem: "not UTF-8 text")
        }
        return try PaperTables(tsv: text, path: url.path)
    }

    /// Parses TSV text; `path` only names the source in errors.
    public init(tsv text: String, path: String) throws {
        var header: [String]?
        var values: [Key: Double] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            let lineNumber = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let columns = header else {
                guard fields.count > 2, fields[0] == "table", fields[1] == "method" else {
                    throw FileLineError(path: path, line: lineNumber, problem: "expected the header `table<TAB>method<TAB>columns…`")
                }
                header = fields
                continue
            }
            guard fields.count == columns.count else {
                throw FileLineError(path: path, line: lineNumber,
                                       problem: "\(fields.count) fields, the header has \(columns.count)")
            }
            for (column, field) in zip(columns.dropFirst(2), fields.dropFirst(2)) where !field.isEmpty {
                guard let number = Double(field) else {
                    throw FileLineError(path: path, line: lineNumber, problem: "`\(field)` in column \(column) is not a number")
                }
                values[Key(table: fields[0], method: fields[1], column: column)] = number
            }
        }
        guard header != nil else {
            throw FileLineError(path: path, line: nil, problem: "no header line `table<TAB>method<TAB>columns…`")
        }
        self.values = values
    }
}
