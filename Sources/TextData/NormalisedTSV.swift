import Foundation

/// The one format every task is stored in under the data directory: a header line
/// `label<TAB>text` (single sentences) or `label<TAB>text_a<TAB>text_b` (pairs), then one
/// example per line, UTF-8, LF line endings, no quoting. Tabs and line breaks inside a text
/// (possible only in ANLI's JSON) are written as spaces.
enum NormalisedTSV {
    /// The header line for single-sentence or pair files.
    static func header(isPair: Bool) -> String {
        isPair ? "label\ttext_a\ttext_b" : "label\ttext"
    }

    /// The file's bytes for `rows`.
    static func encode(_ rows: [StoredRow], isPair: Bool) -> Data {
        var out = header(isPair: isPair) + "\n"
        for row in rows {
            out += row.label + "\t" + flatten(row.textA)
            if isPair { out += "\t" + flatten(row.textB ?? "") }
            out += "\n"
        }
        return Data(out.utf8)
    }

    /// The rows of a normalised file with their line numbers, checked for header and columns.
    static func decode(_ data: Data, name: String, isPair: Bool) throws -> [(line: Int, row: StoredRow)] {
        let file = try TextFile.utf8(data, name: name)
        let expected = header(isPair: isPair)
        guard let first = file.lines.first, first.text == expected else {
            throw DataError.badHeader(file: name, reason: "expected '\(expected.replacingOccurrences(of: "\t", with: "<TAB>"))'")
        }
        let columnCount = isPair ? 3 : 2
        return try file.lines.dropFirst().map { line in
            let fields = line.text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == columnCount else {
                throw DataError.malformedRow(file: name, line: line.number,
                                             reason: "expected \(columnCount) tab-separated columns, found \(fields.count)")
            }
            return (line.number, StoredRow(label: String(fields[0]), textA: String(fields[1]),
                                           textB: isPair ? String(fields[2]) : nil))
        }
    }

    /// `text` with tabs and line breaks replaced by spaces.
    private static func flatten(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0.isNewline }) else { return text }
        return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
