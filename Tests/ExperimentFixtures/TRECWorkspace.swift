import Foundation
import TestSupport
import TextData

/// A fresh temporary folder for a test that trains, with TREC prepared in its `data/` from the
/// shared mirror (`TestPaths.sharedData`).
public enum TRECWorkspace {
    /// TREC could not be prepared from the mirror.
    public struct Unavailable: Error, CustomStringConvertible {
        let mirror: String
        public var description: String { "TREC could not be prepared from \(mirror)" }
    }

    /// Creates the folder and `data/trec`; the caller removes the folder.
    public static func make() throws -> URL {
        let directory = try FixtureDatabase.temporaryDirectory()
        let downloader = DatasetDownloader(dataDirectory: directory.appendingPathComponent("data"),
                                           source: try DataSource(mirror: TestPaths.sharedData.path), force: false)
        guard case .written = downloader.download(.trec) else { throw Unavailable(mirror: TestPaths.sharedData.path) }
        return directory
    }

    /// Writes `<directory>/<name>.toml`, a plan of TREC-coarse on the default model with these
    /// methods and seeds and `overrides` (`key = value` lines), and returns it.
    public static func writePlan(in directory: URL, name: String, methods: [String], seeds: [Int], overrides: [String]) throws -> URL {
        let file = directory.appendingPathComponent("\(name).toml")
        let model = try TestPaths.model("model.safetensors").deletingLastPathComponent().path
        let lines = ["name = \"\(name)\"", "model = \"\(model)\"", "tasks = [\"trec-coarse\"]",
                     "methods = [\(methods.map { "\"\($0)\"" }.joined(separator: ", "))]",
                     "seeds = [\(seeds.map(String.init).joined(separator: ", "))]", "[overrides]"] + overrides
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file
    }
}
