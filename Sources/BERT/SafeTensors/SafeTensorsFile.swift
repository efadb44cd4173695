import Foundation

/// A safetensors file opened for reading: an 8-byte little-endian header length N, N bytes of
/// JSON header, then the tensors' little-endian, row-major data. The file is memory-mapped and
/// the whole header is validated on opening, so a truncated file or a header that lies about
/// sizes fails here with a message naming the file and tensor.
public struct SafeTensorsFile: Sendable {
    /// The file read.
    public let url: URL
    /// Names of all tensors, sorted.
    public let tensorNames: [String]
    /// The header's `__metadata__` (empty when absent).
    public let metadata: [String: String]

    private let entries: [String: SafeTensorsEntry]
    private let bytes: Data

    /// Maps and validates the file at `url`.
    public init(url: URL) throws {
        self.url = url
        do {
            bytes = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafeTensorsError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        guard bytes.count >= 8 else {
            throw SafeTensorsError.truncatedHeader(file: url.path, fileSize: bytes.count, needed: 8)
        }
        let headerLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            let (needed, overflow) = headerLength.addingReportingOverflow(8)
            throw SafeTensorsError.truncatedHeader(file: url.path, fileSize: bytes.count, needed: overflow ? .max : needed)
        }
        let dataStart = 8 + Int(headerLength)
        let header = try SafeTensorsHeader.parse(bytes.subdata(in: 8..<dataStart), dataStart: dataStart,
                                                 fileSize: bytes.count, file: url.path)
        entries = header.entries
        metadata = header.metadata
        tensorNames = header.entries.keys.sorted()
    }

    /// The tensor's dimensions, outermost first.
    public func shape(of name: String) throws -> [Int] {
        try entry(name).shape
    }

    /// The tensor's element type; throws when it is one this project does not read.
    public func dtype(of name: String) throws -> SafeTensorsDType {
        let entry = try entry(name)
        guard let dtype = SafeTensorsDType(rawValue: entry.dtypeName) else {
            throw SafeTensorsError.unsupportedDType(file: url.path, tensor: name, dtype: entry.dtypeName, wanted: "F32, F16, BF16 or I64")
        }
        return dtype
    }

    /// The tensor's values as Float32, row-major: F32 exactly, F16 and BF16 widened exactly,
    /// I64 converted (rounded to the nearest Float).
    public func floats(_ name: String) throws -> [Float] {
        let entry = try entry(name)
        switch try dtype(of: name) {
        case .F32: return elements(entry, as: UInt32.self) { Float(bitPattern: $0) }
        case .F16: return elements(entry, as: UInt16.self, HalfPrecision.float)
        case .BF16: return elements(entry, as: UInt16.self) { Float(bitPattern: UInt32($0) << 16) }
        case .I64: return elements(entry, as: UInt64.self) { Float(Int64(bitPattern: $0)) }
        }
    }

    /// The tensor's values as Int64, row-major; only for I64 tensors.
    public func int64s(_ name: String) throws -> [Int64] {
        let entry = try entry(name)
        guard entry.dtypeName == SafeTensorsDType.I64.rawValue else {
            throw SafeTensorsError.unsupportedDType(file: url.path, tensor: name, dtype: entry.dtypeName, wanted: "I64")
        }
        return elements(entry, as: UInt64.self) { Int64(bitPattern: $0) }
    }

    private func entry(_ name: String) throws -> SafeTensorsEntry {
        guard let entry = entries[name] else { throw SafeTensorsError.missingTensor(file: url.path, tensor: name) }
        return entry
    }

    /// Decodes the tensor's little-endian elements of type `Raw` (which need not be aligned
    /// in the file) and converts each with `convert`.
    private func elements<Raw: FixedWidthInteger, Value>(_ entry: SafeTensorsEntry, as raw: Raw.Type,
                                                         _ convert: (Raw) -> Value) -> [Value] {
        let count = entry.byteRange.count / MemoryLayout<Raw>.size
        let start = entry.byteRange.lowerBound
        return bytes.withUnsafeBytes { file in
            [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let offset = start + index * MemoryLayout<Raw>.size
                    buffer.initializeElement(at: index, to: convert(Raw(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: Raw.self))))
                }
                initialized = count
            }
        }
    }
}
