import Foundation
import XCTest
@testable import TextData

final class EncodedSplitCacheTests: XCTestCase {
    private var scratch: URL!
    private var data: URL { scratch.appendingPathComponent("data") }
    private var cache: URL { scratch.appendingPathComponent("cache") }
    private var calls = 0

    override func setUpWithError() throws {
        scratch = try Fixtures.scratchDirectory(name)
        try Fixtures.write("label\ttext\nDESC:manner\tHow did it go ?\nHUM:ind\tWho was he ?\nNUM:date\tWhen ?\n",
                           to: "trec/train.tsv", in: data)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A stand-in tokenizer: one id per word (its length), segment 0.
    private func encode(_ a: String, _ b: String?) -> (ids: [Int32], types: [Int32]) {
        calls += 1
        let ids = [101] + a.split(separator: " ").map { Int32($0.count) } + [102]
        return (ids, ids.map { _ in 0 })
    }

    private func load(key: String = "vocab=abc;max=128") throws -> [EncodedExample] {
        try loadOrBuildEncodedSplit(task: TaskRegistry.spec(named: "trec-coarse"), split: "train", dataDirectory: data,
                                    cacheDirectory: cache, cacheKey: key, encode: encode)
    }

    private func cacheFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "enc" }
    }

    func testBuildsOnceThenReadsTheCache() throws {
        let built = try load()
        XCTAssertEqual(calls, 3)
        XCTAssertEqual(built[1], EncodedExample(inputIds: [101, 3, 3, 2, 1, 102], tokenTypeIds: [0, 0, 0, 0, 0, 0], label: 3))
        XCTAssertEqual(built.map(\.label), [0, 3, 4])
        let cached = try load()
        XCTAssertEqual(calls, 3, "the second load must not tokenise again")
        XCTAssertEqual(cached, built)
        XCTAssertEqual(try cacheFiles().count, 1)
    }

    func testANewKeyOrNewDataRebuilds() throws {
        _ = try load()
        _ = try load(key: "vocab=def;max=128")
        XCTAssertEqual(calls, 6)
        try Fixtures.write("label\ttext\nLOC:city\tWhere ?\n", to: "trec/train.tsv", in: data)
        let rebuilt = try load()
        XCTAssertEqual(calls, 7)
        XCTAssertEqual(rebuilt.map(\.label), [5])
    }

    func testCorruptOrTruncatedCacheIsRebuilt() throws {
        let built = try load()
        let file = try XCTUnwrap(cacheFiles().first)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: file)
        XCTAssertEqual(try load(), built)
        XCTAssertEqual(calls, 6)
        try Data(try Data(contentsOf: file).prefix(20)).write(to: file)
        XCTAssertEqual(try load(), built)
        XCTAssertEqual(calls, 9)
    }

    func testCacheFileRoundTripsEveryField() {
        let examples = [EncodedExample(inputIds: [101, 7, 102, 9, 102], tokenTypeIds: [0, 0, 0, 1, 1], label: 2),
                        EncodedExample(inputIds: [], tokenTypeIds: [], label: -1)]
        let key = Array(repeating: UInt8(5), count: 32)
        let bytes = EncodedCacheFile.encode(examples, keyDigest: key)
        XCTAssertEqual(EncodedCacheFile.decode(bytes, keyDigest: key), examples)
        XCTAssertNil(EncodedCacheFile.decode(bytes, keyDigest: Array(repeating: 6, count: 32)))
    }

    func testMissingDataNamesTheDownloadCommand() throws {
        try FileManager.default.removeItem(at: data.appendingPathComponent("trec/train.tsv"))
        XCTAssertTrue(Fixtures.errorLine { _ = try load() }.contains("ssmix-exp download-tsv --tasks trec"))
    }
}
