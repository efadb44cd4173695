import FileSupport
import Crypto
import Foundation

/// The tokenised examples of one split of `task`, from a cache file when a valid one exists,
/// otherwise by reading the split, calling `encode` on every example and writing the cache
/// (atomically) for the next run.
///
/// The cache is keyed by `cacheKey` (which must identify the tokenizer: vocab sha256, max
/// length, …), the task, its label list, the split and the sha256 of every normalised source
/// file, so a new vocabulary or a re-downloaded file builds a fresh cache. Files are named
/// `<task>-<split>-<key prefix>.enc` in `cacheDirectory`; an invalid or truncated cache is
/// rebuilt.
public func loadOrBuildEncodedSplit(
    task: TaskSpec, split: String, dataDirectory: URL, cacheDirectory: URL, cacheKey: String,
    encode: (String, String?) throws -> (ids: [Int32], types: [Int32])
) throws -> [EncodedExample] {
    var keyParts = ["encoded-split-v1", cacheKey, task.name, task.labelNames.joined(separator: ","), split]
    for relative in try task.relativeFiles(forSplit: split) {
        let url = dataDirectory.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataError.missingData(file: url.path, fix: downloadCommand(for: task, dataDirectory: dataDirectory))
        }
        keyParts.append(try Checksum.sha256Hex(ofFileAt: url))
    }
    let keyDigest = Array(SHA256.hash(data: Data(keyParts.joined(separator: "\n").utf8)))
    let cacheURL = cacheDirectory.appendingPathComponent(
        "\(task.name)-\(split)-\(Checksum.hex(keyDigest.prefix(8))).enc")
    if let data = try? Data(contentsOf: cacheURL),
       let cached = EncodedCacheFile.decode(data, keyDigest: keyDigest) {
        return cached
    }
    let examples = try loadSplit(task, split: split, dataDirectory: dataDirectory).map { example in
        let encoded = try encode(example.textA, example.textB)
        guard encoded.ids.count == encoded.types.count else {
            throw DataError.io(file: cacheURL.path, reason: "the encoder returned \(encoded.ids.count) ids but \(encoded.types.count) segment ids")
        }
        return EncodedExample(inputIds: encoded.ids, tokenTypeIds: encoded.types, label: Int32(example.label))
    }
    try AtomicFile.createDirectory(cacheDirectory)
    try AtomicFile.write(EncodedCacheFile.encode(examples, keyDigest: keyDigest), to: cacheURL)
    return examples
}
