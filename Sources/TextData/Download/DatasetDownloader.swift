import FileSupport
import Foundation

/// Fetches raw benchmark files and writes the normalised layout `<data>/<task>/<split>.tsv`
/// plus `<data>/manifest.json`, one download group at a time.
///
/// Nothing is written until every file of a group has been fetched, checked (checksum, HTML,
/// format, row count) and converted; then each file is replaced atomically and the manifest
/// updated. A failure therefore leaves the files already in place untouched.
public struct DatasetDownloader {
    /// What happened to one group.
    public enum Outcome {
        /// Files were written: (file, rows) in order.
        case written([(file: String, rows: Int)])
        /// Every file was already present and matched the manifest.
        case skipped
        /// The group failed; the error's description is one line.
        case failed(Error)
    }

    /// The data directory (the layout's root).
    public let dataDirectory: URL
    /// Where raw files come from.
    public let source: DataSource
    /// Rebuild even when the files on disk are valid, and fetch raw files again.
    public let force: Bool
    /// Receives download progress lines, with `true` for a download's last line.
    public let progress: ((String, Bool) -> Void)?

    /// A downloader writing into `dataDirectory`.
    public init(dataDirectory: URL, source: DataSource, force: Bool, progress: ((String, Bool) -> Void)? = nil) {
        self.dataDirectory = dataDirectory
        self.source = source
        self.force = force
        self.progress = progress
    }

    /// Brings `group` up to date; never throws, so one failed group does not stop the others.
    public func download(_ group: DownloadGroup) -> Outcome {
        do {
            if !force && isComplete(group) { return .skipped }
            return .written(try rebuild(group))
        } catch {
            return .failed(error)
        }
    }

    /// True when every output of `group` exists and matches its manifest entry.
    public func isComplete(_ group: DownloadGroup) -> Bool {
        let manifest = DataManifest.load(dataDirectory: dataDirectory)
        return group.distribution.outputs.allSatisfy { plan in
            guard let entry = manifest.entry(for: plan.relativePath) else { return false }
            let url = dataDirectory.appendingPathComponent(plan.relativePath)
            return (try? Checksum.sha256Hex(ofFileAt: url)) == entry.sha256
        }
    }

    /// Fetches, converts, checks and writes every output of `group`.
    private func rebuild(_ group: DownloadGroup) throws -> [(file: String, rows: Int)] {
        let fetcher = RawFetcher(source: source, downloadsDirectory: dataDirectory.appendingPathComponent("downloads"),
                                 refetch: force, progress: progress)
        let converted = try group.distribution.convert(with: fetcher)
        for file in converted {
            if file.rows.isEmpty {
                throw DataError.rowCountMismatch(file: file.source, expected: file.plan.publishedRows, actual: 0)
            }
            if file.verified && file.rows.count != file.plan.publishedRows {
                throw DataError.rowCountMismatch(file: file.source, expected: file.plan.publishedRows, actual: file.rows.count)
            }
        }
        var entries: [DataManifest.Entry] = []
        for file in converted {
            let data = NormalisedTSV.encode(file.rows, isPair: file.plan.isPair)
            try AtomicFile.write(data, to: dataDirectory.appendingPathComponent(file.plan.relativePath))
            let labels = file.rows.reduce(into: [String: Int]()) { $0[$1.label, default: 0] += 1 }
            entries.append(.init(file: file.plan.relativePath, rows: file.rows.count,
                                 sha256: Checksum.sha256Hex(data), source: file.source, labels: labels))
        }
        var manifest = DataManifest.load(dataDirectory: dataDirectory)
        manifest.merge(entries)
        try manifest.save(dataDirectory: dataDirectory)
        return entries.map { ($0.file, $0.rows) }
    }
}
