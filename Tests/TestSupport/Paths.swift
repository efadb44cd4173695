import Foundation

/// Locations the tests read from: the repository root, the shared golden vectors and the
/// default model. A missing file is an error that says how to get it, never a skip.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/golden`, or `$SSMIX_GOLDEN` when set.
    public static var goldenDir: URL {
        if let env = ProcessInfo.processInfo.environment["SSMIX_GOLDEN"] { return URL(fileURLWithPath: env) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared/golden")
    }

    /// `../shared/data`, the local mirror of the benchmark files.
    public static var sharedData: URL {
        repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The default model directory written by `make model`, or `$SSMIX_MODEL` when set.
    public static var modelDir: URL {
        if let env = ProcessInfo.processInfo.environment["SSMIX_MODEL"] { return URL(fileURLWithPath: env) }
        return repoRoot.appendingPathComponent("models/all-MiniLM-L6-v2")
    }

    /// The release binary built by `make test` (same flags as the tests).
    public static var binary: URL { repoRoot.appendingPathComponent(".build/release/ssmix-exp") }

    /// A golden file by name; throws a message naming the file when it is missing.
    public static func golden(_ name: String) throws -> URL {
        let url = goldenDir.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingFile(message: "golden file \(url.path) is missing: the tests need ../shared/golden beside the checkout (or SSMIX_GOLDEN)")
        }
        return url
    }

    /// A file of the default model; throws a message saying to run `make model` when it is missing.
    public static func model(_ name: String) throws -> URL {
        let url = modelDir.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingFile(message: "model file \(url.path) is missing: run `make model`")
        }
        return url
    }

    /// Reads a JSON Lines golden file into one JSON object per line.
    public static func jsonLines(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: golden(name), encoding: .utf8)
        return try text.split(separator: "\n", omittingEmptySubsequences: true).map {
            guard let obj = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
                throw MissingFile(message: "\(name): a line is not a JSON object")
            }
            return obj
        }
    }
}

/// A required test input that is not there.
public struct MissingFile: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
