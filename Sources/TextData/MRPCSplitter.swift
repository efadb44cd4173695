import Foundation

/// Builds MRPC's train and dev files from the Microsoft sources the way GLUE's
/// `download_glue_data.py` does: a pair whose "#1 ID, #2 ID" is listed in `mrpc_dev_ids.tsv`
/// goes to dev, every other pair to train; each row is trimmed and rewritten as
/// `label, id1, id2, s1, s2`; both files keep the source's header line (BOM included).
enum MRPCSplitter {
    /// The GLUE-form `train.tsv` and `dev.tsv` bytes.
    static func glueTrainAndDev(source: Data, sourceName: String, devIDs: Data, devIDsName: String) throws
        -> (train: Data, dev: Data) {
        let devPairs = try Set(TextFile.utf8(devIDs, name: devIDsName).lines.map { line in
            let ids = line.text.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\t")
            guard ids.count == 2 else {
                throw DataError.malformedRow(file: devIDsName, line: line.number,
                                             reason: "expected 2 tab-separated ids, found \(ids.count) fields")
            }
            return ids
        })
        let file = try TextFile.utf8(source, name: sourceName)
        guard let header = file.lines.first else {
            throw DataError.badHeader(file: sourceName, reason: "the file is empty")
        }
        let hasBOM = source.starts(with: [0xEF, 0xBB, 0xBF])
        let headerLine = (hasBOM ? "\u{FEFF}" : "") + header.text + "\n"
        var train = headerLine
        var dev = headerLine
        for line in file.lines.dropFirst() {
            let fields = line.text.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\t")
            guard fields.count == 5 else {
                throw DataError.malformedRow(file: sourceName, line: line.number,
                                             reason: "expected 5 tab-separated columns, found \(fields.count)")
            }
            let row = fields.joined(separator: "\t") + "\n"
            if devPairs.contains([fields[1], fields[2]]) {
                dev += row
            } else {
                train += row
            }
        }
        return (Data(train.utf8), Data(dev.utf8))
    }
}
