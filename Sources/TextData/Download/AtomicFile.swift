import Foundation

/// Writes that never leave a half-written file under its final name: the bytes go to a
/// temporary sibling (`.<name>.partial-<id>`) which is renamed over the target only when it is
/// complete. A crash leaves at most a `.partial-` file, which the next write of the same target
/// removes.
enum AtomicFile {
    /// A fresh temporary path beside `target`, after removing stale ones left by earlier runs.
    static func temporarySibling(of target: URL) throws -> URL {
        let directory = target.deletingLastPathComponent()
        try createDirectory(directory)
        let prefix = ".\(target.lastPathComponent).partial-"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for name in names where name.hasPrefix(prefix) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        return directory.appendingPathComponent(prefix + UUID().uuidString)
    }

    /// Moves a finished temporary file over `target` in one step.
    static func commit(_ temporary: URL, to target: URL) throws {
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DataError.io(file: target.path, reason: "cannot be replaced (\(reason))")
        }
    }

    /// Writes `data` to `target` atomically.
    static func write(_ data: Data, to target: URL) throws {
        let temporary = try temporarySibling(of: target)
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DataError.io(file: target.path, reason: "cannot be written (\(error.localizedDescription))")
        }
        try commit(temporary, to: target)
    }

    /// Creates `directory` and its parents when missing.
    static func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DataError.io(file: directory.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }
}
