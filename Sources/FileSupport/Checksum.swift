import Crypto
import Foundation

/// SHA-256 digests as lower-case hex: the one implementation every module uses for file
/// checksums, cache keys and configuration hashes.
public enum Checksum {
    /// The sha256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The sha256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// The sha256 of the file at `url`, read in 4 MiB chunks.
    /// - Throws: ``FileReadError`` naming the file when it cannot be opened or read.
    public static func sha256Hex(ofFileAt url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw FileReadError(path: url.path, reason: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 22)
            } catch {
                throw FileReadError(path: url.path, reason: "read failed (\(error.localizedDescription))")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// A finished digest (or any bytes) as lower-case hex.
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// A file that could not be read.
public struct FileReadError: Error, CustomStringConvertible, LocalizedError, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
    public var errorDescription: String? { description }
}
