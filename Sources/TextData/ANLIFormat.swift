import Foundation

/// Reads ANLI's JSON Lines files (`anli_v1.0/R{1,2,3}/{train,dev,test}.jsonl`): one object per
/// line with `context` (the premise), `hypothesis` and `label` as `e`, `n` or `c`.
enum ANLIFormat {
    /// ANLI's one-letter labels spelled out as the task's class names.
    static let labelNames = ["e": "entailment", "n": "neutral", "c": "contradiction"]

    /// The rows of a `.jsonl` file; blank lines are skipped.
    static func rows(of data: Data, name: String) throws -> [StoredRow] {
        var rows: [StoredRow] = []
        for line in try TextFile.utf8(data, name: name).lines
        where !line.text.allSatisfy(\.isWhitespace) {
            let object = try? JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any]
            guard let object else {
                throw DataError.malformedRow(file: name, line: line.number, reason: "not a JSON object")
            }
            func text(_ key: String) throws -> String {
                guard let value = object[key] as? String else {
                    throw DataError.malformedRow(file: name, line: line.number, reason: "no string field '\(key)'")
                }
                return value
            }
            let letter = try text("label")
            guard let label = labelNames[letter] else {
                throw DataError.unknownLabel(file: name, line: line.number, label: letter)
            }
            rows.append(StoredRow(label: label, textA: try text("context"), textB: try text("hypothesis")))
        }
        return rows
    }
}
