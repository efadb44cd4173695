import Foundation

/// The examples of one split of `task`, read from the normalised files under `dataDirectory`
/// (for ANLI's train split, the three rounds' train files in order r1, r2, r3).
///
/// A missing file is an error that prints the `download-tsv` command that fetches it.
public func loadSplit(_ task: TaskSpec, split: String, dataDirectory: URL) throws -> [LabeledExample] {
    var examples: [LabeledExample] = []
    for relative in try task.relativeFiles(forSplit: split) {
        let url = dataDirectory.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError.missingData(file: url.path, fix: downloadCommand(for: task, dataDirectory: dataDirectory))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError.io(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        for (line, row) in try NormalisedTSV.decode(data, name: url.path, isPair: task.isPair) {
            guard let label = task.labelIndex(ofStoredLabel: row.label) else {
                throw DataError.unknownLabel(file: url.path, line: line, label: row.label)
            }
            examples.append(LabeledExample(textA: row.textA, textB: row.textB, label: label))
        }
    }
    return examples
}

/// The command that downloads `task`'s files into `dataDirectory`.
func downloadCommand(for task: TaskSpec, dataDirectory: URL) -> String {
    "ssmix-exp download-tsv --tasks \(task.downloadGroup) --out \(dataDirectory.path)"
}
