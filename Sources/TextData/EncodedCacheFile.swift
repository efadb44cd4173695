import Crypto
import Foundation

/// The binary file that holds one tokenised split.
///
/// Layout, all integers little-endian: the magic `SSMXENC1`; the 32-byte sha256 of the cache
/// key; the example count (UInt32); per example its label (Int32), its length n (UInt32), n ids
/// (Int32) and n segment ids (Int32); last, the sha256 of everything before it. A file whose
/// magic, key, digest or lengths do not check out is treated as absent.
enum EncodedCacheFile {
    static let magic = Array("SSMXENC1".utf8)
    static let digestSize = 32

    /// The file's bytes for `examples` under `keyDigest`.
    static func encode(_ examples: [EncodedExample], keyDigest: [UInt8]) -> Data {
        var bytes = magic + keyDigest
        bytes.reserveCapacity(bytes.count + 4 + examples.reduce(0) { $0 + 8 + 8 * $1.inputIds.count } + digestSize)
        append(UInt32(examples.count), to: &bytes)
        for example in examples {
            append(example.label, to: &bytes)
            append(UInt32(example.inputIds.count), to: &bytes)
            for id in example.inputIds { append(id, to: &bytes) }
            for type in example.tokenTypeIds { append(type, to: &bytes) }
        }
        bytes += SHA256.hash(data: bytes)
        return Data(bytes)
    }

    /// The examples stored in `data`, or nil when it is not a valid file for `keyDigest`.
    static func decode(_ data: Data, keyDigest: [UInt8]) -> [EncodedExample]? {
        let headerSize = magic.count + digestSize + 4
        guard data.count >= headerSize + digestSize else { return nil }
        let body = data.prefix(data.count - digestSize)
        guard Array(SHA256.hash(data: body)) == Array(data.suffix(digestSize)),
              Array(body.prefix(magic.count)) == magic,
              Array(body.dropFirst(magic.count).prefix(digestSize)) == keyDigest else { return nil }
        return body.withUnsafeBytes { raw -> [EncodedExample]? in
            var reader = Reader(raw: raw, offset: magic.count + digestSize)
            guard let count = reader.uint32() else { return nil }
            var examples: [EncodedExample] = []
            examples.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let label = reader.int32(), let length = reader.uint32(),
                      let ids = reader.int32s(Int(length)), let types = reader.int32s(Int(length)) else { return nil }
                examples.append(EncodedExample(inputIds: ids, tokenTypeIds: types, label: label))
            }
            return reader.offset == raw.count ? examples : nil
        }
    }

    /// Appends `value` in little-endian byte order.
    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A bounds-checked little-endian cursor over the file's bytes.
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset: Int

        mutating func uint32() -> UInt32? {
            guard offset + 4 <= raw.count else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        mutating func int32() -> Int32? {
            uint32().map { Int32(bitPattern: $0) }
        }

        mutating func int32s(_ count: Int) -> [Int32]? {
            guard count >= 0, offset + 4 * count <= raw.count else { return nil }
            let values = (0..<count).map {
                Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * $0, as: Int32.self))
            }
            offset += 4 * count
            return values
        }
    }
}
