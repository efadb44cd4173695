import Foundation
import TestSupport
import XCTest

/// The golden directory is complete: every file its README lists is present. The golden tests
/// each fail on their own file; this one also covers the README that documents them.
final class GoldenDirectoryTests: XCTestCase {
    func testEveryListedGoldenFileIsPresent() throws {
        let readme = try String(contentsOf: TestPaths.golden("README.md"), encoding: .utf8)
        // Table rows of the README's index: | `file` (+ `file`) | content | cases |
        let listed = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row -> [String] in
            let cell = row.split(separator: "|").first.map(String.init) ?? ""
            return cell.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }.filter { name in [".json", ".jsonl", ".safetensors"].contains { name.hasSuffix($0) } }
        XCTAssertFalse(listed.isEmpty, "the golden README lists no files")
        for name in Set(listed) {
            XCTAssertNoThrow(try TestPaths.golden(name), "\(name) is listed in the golden README but missing")
        }
    }
}
