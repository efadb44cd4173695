import Foundation

/// Reads TREC's `.label` files: one question per line, `COARSE:fine text`.
///
/// The files are Latin-1. `train_5500.label` holds one non-ASCII byte, 0xF0 (ð) in
/// "sister\xf0city"; like the released code's loader we turn it into a space. The line is then
/// trimmed and split at its first space, exactly as that loader did.
enum TrecFormat {
    /// The rows of a `.label` file; the stored label is the full "COARSE:fine" class.
    static func rows(of data: Data, name: String) throws -> [StoredRow] {
        try TextFile.latin1(data, name: name).lines.map { line in
            let cleaned = line.text.replacingOccurrences(of: "\u{F0}", with: " ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard let space = cleaned.firstIndex(of: " ") else {
                throw DataError.malformedRow(file: name, line: line.number,
                                             reason: "expected 'COARSE:fine question', found '\(cleaned)'")
            }
            let label = String(cleaned[..<space])
            guard TrecLabels.fineFull.contains(label) else {
                throw DataError.unknownLabel(file: name, line: line.number, label: label)
            }
            return StoredRow(label: label, textA: String(cleaned[cleaned.index(after: space)...]), textB: nil)
        }
    }
}
