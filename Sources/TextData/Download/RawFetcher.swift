import FileSupport
import Foundation

/// Brings raw files onto the machine from a `DataSource`, checking each: no HTML page in
/// place of data, and the published sha256 where one is known. Downloads land in
/// `downloadsDirectory` under their mirror path, written atomically, and are reused while their
/// checksum still matches (unless `refetch` is set).
struct RawFetcher {
    let source: DataSource
    let downloadsDirectory: URL
    let refetch: Bool
    let progress: ((String, Bool) -> Void)?

    /// The file on disk, or nil when a mirror does not hold it. Throws for a canonical file
    /// that cannot be fetched, a failed download, HTML instead of data or a wrong checksum.
    func fetch(_ file: RawFile) throws -> LocalRawFile? {
        switch source {
        case .canonical:
            guard let url = file.canonicalURL else { return nil }
            guard let local = try download(file, from: url) else {
                throw DataError.fetchFailed(source: url.absoluteString, reason: "HTTP status 404")
            }
            return local
        case .mirrorURL(let base):
            guard let url = URL(string: file.mirrorPath, relativeTo: base)?.absoluteURL else { return nil }
            return try download(file, from: url)
        case .mirrorDirectory(let directory):
            let url = directory.appendingPathComponent(file.mirrorPath)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            let verified = try check(url, name: url.path, against: file.sha256)
            return LocalRawFile(url: url, source: url.path, verified: verified)
        }
    }

    /// Downloads `url` into the downloads folder (or reuses a verified earlier copy).
    private func download(_ file: RawFile, from url: URL) throws -> LocalRawFile? {
        let target = downloadsDirectory.appendingPathComponent(file.mirrorPath)
        if !refetch, let sha = file.sha256, FileManager.default.fileExists(atPath: target.path),
           (try? Checksum.sha256Hex(ofFileAt: target)) == sha {
            return LocalRawFile(url: target, source: url.absoluteString, verified: true)
        }
        guard let downloaded = try HTTPDownload.fetch(url, besides: target, progress: progress) else { return nil }
        do {
            try Self.rejectHTML(downloaded.temporary, name: url.absoluteString)
            if let expected = file.sha256, downloaded.sha256 != expected {
                throw DataError.checksumMismatch(file: url.absoluteString, expected: expected, actual: downloaded.sha256)
            }
        } catch {
            try? FileManager.default.removeItem(at: downloaded.temporary)
            throw error
        }
        try AtomicFile.commit(downloaded.temporary, to: target)
        return LocalRawFile(url: target, source: url.absoluteString, verified: file.sha256 != nil)
    }

    /// Checks a file already on disk; returns whether a published checksum confirmed it.
    private func check(_ url: URL, name: String, against sha256: String?) throws -> Bool {
        try Self.rejectHTML(url, name: name)
        guard let expected = sha256 else { return false }
        let actual = try Checksum.sha256Hex(ofFileAt: url)
        guard actual == expected else {
            throw DataError.checksumMismatch(file: name, expected: expected, actual: actual)
        }
        return true
    }

    /// Throws when the file starts like an HTML page (what servers send for errors and logins).
    static func rejectHTML(_ url: URL, name: String) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw DataError.io(file: name, reason: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasPrefix("<!doctype html") || text.hasPrefix("<html") {
            throw DataError.htmlInsteadOfData(file: name)
        }
    }
}
