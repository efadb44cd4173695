import FileSupport
import Foundation
import XCTest

/// Atomic writes leave no partial file and never remove the partial of a write still in progress.
final class AtomicFileTests: XCTestCase {
    func testAWriteRemovesOnlyStalePartialsOfItsTarget() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent("cache.bin")
        let stale = directory.appendingPathComponent(".cache.bin.partial-old")
        let inProgress = directory.appendingPathComponent(".cache.bin.partial-other-writer")
        try Data("x".utf8).write(to: stale)
        try Data("y".utf8).write(to: inProgress)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-AtomicFile.staleAfter - 60)], ofItemAtPath: stale.path)

        try AtomicFile.write("content", to: target)

        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "content")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "an interrupted write's old partial is cleaned up")
        XCTAssertTrue(FileManager.default.fileExists(atPath: inProgress.path), "another process's partial in progress is left alone")
    }
}
