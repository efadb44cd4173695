import Foundation
import TestSupport
import XCTest

/// Scratch folders and small files for the TextData tests.
enum Fixtures {
    /// A fresh empty folder under the system temp directory.
    static func scratchDirectory(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ssmix-textdata-tests")
            .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` (UTF-8) to `relative` below `directory`, creating folders.
    @discardableResult
    static func write(_ text: String, to relative: String, in directory: URL) throws -> URL {
        try write(Data(text.utf8), to: relative, in: directory)
    }

    /// Writes `data` to `relative` below `directory`, creating folders.
    @discardableResult
    static func write(_ data: Data, to relative: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// A file of the shared data mirror; throws a clear error when it is missing.
    static func sharedData(_ relative: String) throws -> URL {
        let url = TestPaths.sharedData.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TestFailure("shared data file \(url.path) is missing: the tests need ../shared/data beside the checkout")
        }
        return url
    }

    /// The description of the error `body` throws, or a test failure when it throws none.
    static func errorLine(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return String(describing: error)
        }
    }
}

/// A test precondition that does not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
