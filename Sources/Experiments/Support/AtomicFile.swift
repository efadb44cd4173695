import Foundation

/// A file write that cannot leave a half-written file behind: the bytes go to a temporary
/// file in the destination's directory, which is then renamed over the destination.
public enum AtomicFile {
    /// Writes `data` to `url`, creating the parent directory when needed.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: url.path, reason: "cannot create directory \(directory.path)")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw FileWriteError(path: url.path, reason: "the directory is not writable")
        }
        try replace(url, with: temporary)
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Renames `temporary` over `destination` (an atomic replace on one file system).
    static func replace(_ destination: URL, with temporary: URL) throws {
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: destination.path, reason: reason)
        }
    }
}

/// A file that could not be written.
public struct FileWriteError: Error, CustomStringConvertible, LocalizedError {
    /// The file that was being written.
    public let path: String
    /// Why the write failed.
    public let reason: String
    /// One line naming the file and the reason.
    public var description: String { "cannot write \(path): \(reason)" }
    /// Same as `description`.
    public var errorDescription: String? { description }
}
