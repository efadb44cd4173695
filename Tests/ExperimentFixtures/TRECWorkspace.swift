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
}
