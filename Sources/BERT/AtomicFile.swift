import Foundation

/// Writes a file so that readers see either the old file or the complete new one: the
/// content goes to a temporary file in the same directory, is flushed to disk, and is then
/// renamed over the destination. On failure the temporary file is removed.
enum AtomicFile {
    /// Why an atomic write failed (the destination is left untouched).
    struct WriteError: Error {
        /// What went wrong, in a few words.
        let reason: String
    }

    /// Creates `url` with the bytes that `writeContent` writes through the handle.
    static func write(to url: URL, _ writeContent: (FileHandle) throws -> Void) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw WriteError(reason: "cannot create \(temporary.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try writeContent(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw WriteError(reason: "cannot rename into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
