import Foundation

/// A benchmark shipped as one zip (the GLUE task zips, ANLI), whose files a mirror may also
/// hold unpacked in the folder the zip unpacks to.
struct ZippedDistribution {
    /// A file inside the distribution's folder.
    struct Member {
        /// Path below `folder`, e.g. `train.tsv` or `R1/dev.jsonl`.
        let path: String
        /// The published sha256 of the unpacked file, when known.
        let sha256: String?
    }

    /// The bytes of a member and where they came from.
    struct Fetched {
        let data: Data
        let source: String
        /// True when a published checksum (of the zip or of the file) confirmed the bytes.
        let verified: Bool
    }

    /// The zip at the mirror root under its canonical name, with its canonical URL and sha256.
    let zip: RawFile
    /// The folder the zip unpacks to, e.g. `SST-2` or `anli_v1.0`.
    let folder: String
    /// The files the conversion needs.
    let members: [Member]

    /// Every member's bytes, in order: from a mirror's unpacked folder when it holds all of
    /// them, otherwise from the zip (downloaded or taken from the mirror).
    func fetchMembers(with fetcher: RawFetcher) throws -> [Fetched] {
        if fetcher.source != .canonical, let unpacked = try fetchUnpacked(with: fetcher) {
            return unpacked
        }
        guard let archive = try fetcher.fetch(zip) else {
            let names = members.map { "\(folder)/\($0.path)" }.joined(separator: ", ")
            throw DataError.fetchFailed(source: "the mirror",
                                        reason: "it holds neither \(names) nor \(zip.mirrorPath)")
        }
        return try members.map { member in
            let path = "\(folder)/\(member.path)"
            let data = try ZipEntries.read(path, from: archive.url, name: archive.source)
            return Fetched(data: data, source: "\(archive.source)#\(path)", verified: archive.verified)
        }
    }

    /// The members from the mirror's unpacked folder, or nil when one of them is absent.
    private func fetchUnpacked(with fetcher: RawFetcher) throws -> [Fetched]? {
        var fetched: [Fetched] = []
        for member in members {
            let raw = RawFile(mirrorPath: "\(folder)/\(member.path)", canonicalURL: nil, sha256: member.sha256)
            guard let local = try fetcher.fetch(raw) else { return nil }
            let data: Data
            do {
                data = try Data(contentsOf: local.url)
            } catch {
                throw DataError.io(file: local.url.path, reason: "cannot be read")
            }
            fetched.append(Fetched(data: data, source: local.source, verified: local.verified))
        }
        return fetched
    }
}
