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
        var missing: String?
        if fetcher.source != .canonical {
            switch try fetchUnpacked(with: fetcher) {
            case .success(let unpacked): return unpacked
            case .failure(let absent): missing = absent.path
            }
        }
        guard let archive = try fetcher.fetch(zip) else {
            throw DataError.fetchFailed(source: "\(folder) from the mirror",
                                        reason: "it has no \(missing ?? folder) and no \(zip.mirrorPath)")
        }
        return try members.map { member in
            let path = "\(folder)/\(member.path)"
            let data = try ZipEntries.read(path, from: archive.url, name: archive.source)
            return Fetched(data: data, source: "\(archive.source)#\(path)", verified: archive.verified)
        }
    }

    /// A member the mirror does not hold unpacked.
    struct AbsentMember: Error {
        let path: String
    }

    /// The members from the mirror's unpacked folder, or the first one that is absent.
    private func fetchUnpacked(with fetcher: RawFetcher) throws -> Result<[Fetched], AbsentMember> {
        var fetched: [Fetched] = []
        for member in members {
            let raw = RawFile(mirrorPath: "\(folder)/\(member.path)", canonicalURL: nil, sha256: member.sha256)
            guard let local = try fetcher.fetch(raw) else { return .failure(AbsentMember(path: raw.mirrorPath)) }
            let data: Data
            do {
                data = try Data(contentsOf: local.url)
            } catch {
                throw DataError.io(file: local.url.path, reason: "cannot be read")
            }
            fetched.append(Fetched(data: data, source: local.source, verified: local.verified))
        }
        return .success(fetched)
    }
}
