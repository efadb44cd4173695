import Foundation

/// Where one tensor lies in a safetensors file, as its header describes it.
struct SafeTensorsEntry: Sendable {
    /// The dtype name as written (e.g. `F32`), possibly one this project does not read.
    let dtypeName: String
    /// Dimensions, outermost first.
    let shape: [Int]
    /// Absolute byte range in the file.
    let byteRange: Range<Int>
}

/// Parses and validates the JSON header of a safetensors file.
enum SafeTensorsHeader {
    /// Parses `json` and checks every entry against the data area `dataStart..<fileSize`:
    /// known dtype, non-negative shape, `end − begin = product(shape) · element size`, and the
    /// offsets inside the data area. Returns the entries by name and the metadata.
    static func parse(_ json: Data, dataStart: Int, fileSize: Int, file: String) throws
        -> (entries: [String: SafeTensorsEntry], metadata: [String: String]) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw SafeTensorsError.malformedHeader(file: file, reason: "not valid JSON")
        }
        guard let header = object as? [String: Any] else {
            throw SafeTensorsError.malformedHeader(file: file, reason: "not a JSON object")
        }
        var entries: [String: SafeTensorsEntry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw SafeTensorsError.malformedHeader(file: file, reason: "__metadata__ must map strings to strings")
                }
                metadata = strings
            } else {
                entries[name] = try entry(name, value, dataStart: dataStart, fileSize: fileSize, file: file)
            }
        }
        return (entries, metadata)
    }

    private static func entry(_ name: String, _ value: Any, dataStart: Int, fileSize: Int, file: String) throws -> SafeTensorsEntry {
        func bad(_ reason: String) -> SafeTensorsError { .badTensor(file: file, tensor: name, reason: reason) }
        guard let fields = value as? [String: Any],
              let dtypeName = fields["dtype"] as? String,
              let shape = fields["shape"] as? [Int],
              let offsets = fields["data_offsets"] as? [Int] else {
            throw bad("header entry needs dtype (string), shape (integers) and data_offsets (integers)")
        }
        guard let elementSize = SafeTensorsDType.elementSizes[dtypeName] else { throw bad("unknown dtype \(dtypeName)") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw bad("negative dimension in shape \(shape)") }
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw bad("data_offsets \(offsets) must be [begin, end] with 0 ≤ begin ≤ end")
        }
        var byteCount = elementSize
        for dimension in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw bad("shape \(shape) is too large") }
            byteCount = product
        }
        guard offsets[1] - offsets[0] == byteCount else {
            throw bad("shape \(shape) of \(dtypeName) needs \(byteCount) bytes but data_offsets \(offsets) span \(offsets[1] - offsets[0])")
        }
        let dataSize = fileSize - dataStart
        guard offsets[1] <= dataSize else {
            throw bad("data_offsets \(offsets) reach past the data area of \(dataSize) bytes (truncated file?)")
        }
        return SafeTensorsEntry(dtypeName: dtypeName, shape: shape,
                                byteRange: (dataStart + offsets[0])..<(dataStart + offsets[1]))
    }
}
