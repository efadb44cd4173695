import Foundation
import ZIPFoundation

/// Reads single files out of a zip archive into memory.
enum ZipEntries {
    /// The bytes of the entry at `path` (e.g. `SST-2/train.tsv`) in the archive at `zip`; an
    /// entry that has `path` below one extra top folder is accepted too.
    static func read(_ path: String, from zip: URL, name: String) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw DataError.archiveProblem(file: name, reason: "is not a readable zip archive")
        }
        let entry = archive[path] ?? archive.first { $0.path.hasSuffix("/" + path) }
        guard let entry, entry.type == .file else {
            throw DataError.archiveProblem(file: name, reason: "has no entry \(path)")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw DataError.archiveProblem(file: name, reason: "entry \(path) cannot be unpacked (\(error))")
        }
        return data
    }
}
