import Foundation

/// Writing files so that no reader ever sees a half-written one: the content goes to a temporary
/// file beside the target, which is renamed over the target only once it is complete. An
/// interrupted write leaves at most a hidden `.<name>.partial-…` file, which a later write of the
/// same target removes once it is an hour old (a younger one may belong to another process writing
/// the same file right now). Every module that writes files uses this one implementation.
public enum AtomicFile {
    /// A fresh temporary path beside `target` (its folder is created; partials of earlier,
    /// interrupted writes older than an hour are removed).
    public static func temporarySibling(of target: URL) throws -> URL {
        let directory = target.deletingLastPathComponent()
        try createDirectory(directory)
        let prefix = ".\(target.lastPathComponent).partial-"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for name in names where name.hasPrefix(prefix) {
                let partial = directory.appendingPathComponent(name)
                let modified = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.modificationDate]) as? Date
                if let modified, Date().timeIntervalSince(modified) > staleAfter { try? FileManager.default.removeItem(at: partial) }
            }
        }
        return directory.appendingPathComponent(prefix + UUID().uuidString)
    }

    /// How old a partial file must be before another write removes it, in seconds.
    public static let staleAfter: TimeInterval = 3600

    /// Renames a finished temporary file over `target` (removing the temporary on failure).
    public static func commit(_ temporary: URL, to target: URL) throws {
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: target.path, reason: "cannot be replaced (\(reason))")
        }
    }

    /// Writes `data` to `target` atomically.
    public static func write(_ data: Data, to target: URL) throws {
        try write(to: target) { try $0.write(contentsOf: data) }
    }

    /// Writes `text` (UTF-8) to `target` atomically.
    public static func write(_ text: String, to target: URL) throws {
        try write(Data(text.utf8), to: target)
    }

    /// Streams content into `target` atomically: `writeContent` writes to the temporary file, which is
    /// flushed to disk before it replaces the target.
    public static func write(to target: URL, _ writeContent: (FileHandle) throws -> Void) throws {
        let temporary = try temporarySibling(of: target)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw FileWriteError(path: target.path, reason: "its folder is not writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try writeContent(handle)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error as? FileWriteError ?? FileWriteError(path: target.path, reason: error.localizedDescription)
        }
        try commit(temporary, to: target)
    }

    /// Creates a folder and its parents.
    public static func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: directory.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }
}

/// A file or folder that could not be written.
public struct FileWriteError: Error, CustomStringConvertible, LocalizedError {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
    public var errorDescription: String? { description }
}
