import FileSupport
import Foundation

/// Writes Float32 tensors as a safetensors file that HuggingFace can load: tensors sorted by
/// name and laid out in that order, the JSON header padded with spaces to a multiple of 8
/// bytes, data little-endian and row-major. The file is written atomically.
public enum SafeTensorsWriter {
    /// Writes `tensors` (each `values` row-major, `shape` outermost first) and, when not
    /// empty, `metadata` as the header's `__metadata__`. Names must be unique and non-empty,
    /// and each shape's product must equal its number of values.
    public static func write(_ tensors: [(name: String, shape: [Int], values: [Float])],
                             metadata: [String: String] = [:], to url: URL) throws {
        let sorted = tensors.sorted { $0.name < $1.name }
        try validate(sorted, file: url.path)
        let header = try headerBytes(sorted, metadata: metadata)
        do {
            try AtomicFile.write(to: url) { handle in
                var length = UInt64(header.count).littleEndian
                try handle.write(contentsOf: Data(bytes: &length, count: 8))
                try handle.write(contentsOf: header)
                for tensor in sorted {
                    try handle.write(contentsOf: littleEndianBytes(tensor.values))
                }
            }
        } catch let error as FileWriteError {
            throw SafeTensorsError.unwritable(file: url.path, reason: error.reason)
        } catch {
            throw SafeTensorsError.unwritable(file: url.path, reason: error.localizedDescription)
        }
    }

    private static func validate(_ tensors: [(name: String, shape: [Int], values: [Float])], file: String) throws {
        var previous: String?
        for tensor in tensors {
            func invalid(_ reason: String) -> SafeTensorsError {
                .invalidTensorToWrite(file: file, tensor: tensor.name, reason: reason)
            }
            guard !tensor.name.isEmpty, tensor.name != "__metadata__" else { throw invalid("reserved or empty name") }
            guard tensor.name != previous else { throw invalid("name given twice") }
            guard tensor.shape.allSatisfy({ $0 >= 0 }) else { throw invalid("negative dimension in shape \(tensor.shape)") }
            guard tensor.shape.reduce(1, *) == tensor.values.count else {
                throw invalid("shape \(tensor.shape) does not hold \(tensor.values.count) values")
            }
            previous = tensor.name
        }
    }

    /// The JSON header, padded with spaces so that 8 + its length is a multiple of 8.
    private static func headerBytes(_ tensors: [(name: String, shape: [Int], values: [Float])],
                                    metadata: [String: String]) throws -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        for tensor in tensors {
            let size = tensor.values.count * MemoryLayout<Float>.size
            header[tensor.name] = ["dtype": SafeTensorsDType.F32.rawValue, "shape": tensor.shape,
                                   "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        json.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        return json
    }

    private static func littleEndianBytes(_ values: [Float]) -> Data {
        var data = Data(count: values.count * MemoryLayout<Float>.size)
        data.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return data
    }
}
