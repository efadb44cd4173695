import Foundation

/// Which columns of a GLUE-style TSV hold a task's texts and its label.
struct GLUEColumns {
    /// Header names of the text columns: one for single sentences, two for pairs.
    let texts: [String]
    /// Header name of the label column.
    let label: String
    /// The labels the column may hold.
    let allowedLabels: [String]

    static let sst2 = GLUEColumns(texts: ["sentence"], label: "label", allowedLabels: TaskRegistry.binaryLabels)
    static let qqp = GLUEColumns(texts: ["question1", "question2"], label: "is_duplicate",
                                 allowedLabels: TaskRegistry.binaryLabels)
    static let mnli = GLUEColumns(texts: ["sentence1", "sentence2"], label: "gold_label",
                                  allowedLabels: TaskRegistry.threeWayNLILabels)
    static let qnli = GLUEColumns(texts: ["question", "sentence"], label: "label",
                                  allowedLabels: TaskRegistry.twoWayNLILabels)
    static let rte = GLUEColumns(texts: ["sentence1", "sentence2"], label: "label",
                                 allowedLabels: TaskRegistry.twoWayNLILabels)
    /// MRPC in its source form (`msr_paraphrase_*.txt`) and in GLUE's rebuilt train/dev files.
    static let mrpc = GLUEColumns(texts: ["#1 String", "#2 String"], label: "Quality",
                                  allowedLabels: TaskRegistry.binaryLabels)
}

/// Reads GLUE's tab-separated files: a header naming the columns, then one row per example,
/// no quoting (a quote character is just a character).
enum GLUETable {
    /// The rows of `file`, checked for column count and label.
    static func rows(of file: TextFile, columns: GLUEColumns) throws -> [StoredRow] {
        guard let header = file.lines.first else {
            throw DataError.badHeader(file: file.name, reason: "the file is empty")
        }
        let names = header.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func index(of column: String) throws -> Int {
            guard let i = names.firstIndex(of: column) else {
                throw DataError.badHeader(file: file.name, reason: "no column '\(column)' in '\(header.text)'")
            }
            return i
        }
        let textIndices = try columns.texts.map(index(of:))
        let labelIndex = try index(of: columns.label)
        var rows: [StoredRow] = []
        rows.reserveCapacity(file.lines.count - 1)
        for line in file.lines.dropFirst() {
            let fields = line.text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw DataError.malformedRow(file: file.name, line: line.number,
                                             reason: "expected \(names.count) tab-separated columns, found \(fields.count)")
            }
            let label = String(fields[labelIndex])
            guard columns.allowedLabels.contains(label) else {
                throw DataError.unknownLabel(file: file.name, line: line.number, label: label)
            }
            rows.append(StoredRow(label: label, textA: String(fields[textIndices[0]]),
                                  textB: textIndices.count > 1 ? String(fields[textIndices[1]]) : nil))
        }
        return rows
    }
}
