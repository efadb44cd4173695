import FileSupport
import Foundation

/// `data/manifest.json`: what `download-tsv` wrote, one entry per normalised file.
public struct DataManifest: Codable, Equatable {
    /// One normalised file.
    public struct Entry: Codable, Equatable {
        /// Path below the data directory, e.g. `trec/train.tsv`.
        public var file: String
        /// Number of examples (lines after the header).
        public var rows: Int
        /// sha256 of the normalised file's bytes.
        public var sha256: String
        /// The raw file it was built from: URL, mirror path or `zip#entry`.
        public var source: String
        /// Examples per stored label ("0", "entailment", "DESC:manner", …).
        public var labels: [String: Int]
    }

    /// The entries, sorted by file.
    public var files: [Entry]

    /// The manifest's name inside the data directory.
    public static let fileName = "manifest.json"

    /// The manifest of `dataDirectory`; empty when there is none yet or it cannot be parsed
    /// (it only describes files that can be rebuilt).
    public static func load(dataDirectory: URL) -> DataManifest {
        let url = dataDirectory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url),
              let manifest = try? JSONDecoder().decode(DataManifest.self, from: data) else {
            return DataManifest(files: [])
        }
        return manifest
    }

    /// The entry for `file`, if any.
    public func entry(for file: String) -> Entry? {
        files.first { $0.file == file }
    }

    /// Adds `entries`, replacing earlier entries for the same files.
    mutating func merge(_ entries: [Entry]) {
        let replaced = Set(entries.map(\.file))
        files = (files.filter { !replaced.contains($0.file) } + entries).sorted { $0.file < $1.file }
    }

    /// Writes the manifest into `dataDirectory` atomically.
    func save(dataDirectory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw DataError.io(file: DataManifest.fileName, reason: "cannot be encoded (\(error))")
        }
        try AtomicFile.write(data, to: dataDirectory.appendingPathComponent(DataManifest.fileName))
    }
}
