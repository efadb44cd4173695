import Foundation
import TestSupport
import XCTest
@testable import BERT

final class SafeTensorsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// Writes a file from a literal header and data bytes, as another program might have.
    private func handMadeFile(_ name: String, header: String, data: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { Array($0) }
        bytes += Array(header.utf8) + data
        try Data(bytes).write(to: url)
        return url
    }

    /// The error thrown by `body`, as its one-line description.
    private func errorMessage(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    // MARK: Round trip

    func testWrittenCheckpointReadsBackBitIdentically() throws {
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude,
                                 Float(bitPattern: 0x7FC0_1234), Float(bitPattern: 0xFF80_0001), 1.0 / 3.0]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<(4 * 5 * 6)).map { _ in Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator)) }
        let tensors: [(name: String, shape: [Int], values: [Float])] = [
            ("encoder.layer.0.weight", [4, 5, 6], random),
            ("classifier.bias", [9], specials),
            ("empty", [0, 3], []),
            ("scalar", [], [42.5]),
        ]
        let url = directory.appendingPathComponent("model.safetensors")
        try SafeTensorsWriter.write(tensors, metadata: ["format": "pt", "step": "7"], to: url)

        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(file.tensorNames, tensors.map(\.name).sorted())
        XCTAssertEqual(file.metadata, ["format": "pt", "step": "7"])
        for tensor in tensors {
            XCTAssertEqual(try file.shape(of: tensor.name), tensor.shape)
            XCTAssertEqual(try file.dtype(of: tensor.name), .F32)
            XCTAssertEqual(try file.floats(tensor.name).map(\.bitPattern), tensor.values.map(\.bitPattern), tensor.name)
        }
    }

    func testHeaderIsPaddedWithSpacesToEightBytesAndDataFollowsInNameOrder() throws {
        let url = directory.appendingPathComponent("padded.safetensors")
        try SafeTensorsWriter.write([("b", [1], [2]), ("a", [2], [1, 1.5])], to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let headerLength = Int(bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) })
        XCTAssertEqual((8 + headerLength) % 8, 0)
        let header = try XCTUnwrap(String(bytes: bytes[8..<(8 + headerLength)], encoding: .utf8))
        XCTAssertFalse(header.contains("__metadata__"), "empty metadata is left out")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: [String: Any]])
        XCTAssertEqual(json["a"]?["data_offsets"] as? [Int], [0, 8])
        XCTAssertEqual(json["b"]?["data_offsets"] as? [Int], [8, 12])
        let trimmed = header.reversed().drop { $0 == " " }
        XCTAssertEqual(trimmed.first, "}")
        XCTAssertEqual(bytes.count, 8 + headerLength + 12)
        XCTAssertEqual(Array(bytes[(8 + headerLength)...]), [0, 0, 0x80, 0x3F, 0, 0, 0xC0, 0x3F, 0, 0, 0, 0x40])
    }

    func testRewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws {
        let url = directory.appendingPathComponent("checkpoint.safetensors")
        try SafeTensorsWriter.write([("w", [2], [1, 2])], to: url)
        try SafeTensorsWriter.write([("w", [3], [3, 4, 5])], to: url)
        XCTAssertEqual(try SafeTensorsFile(url: url).floats("w"), [3, 4, 5])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["checkpoint.safetensors"])
    }

    func testWriterRejectsInconsistentTensors() {
        let url = directory.appendingPathComponent("bad.safetensors")
        let mismatch = errorMessage { try SafeTensorsWriter.write([("w", [2, 2], [1, 2, 3])], to: url) }
        XCTAssertTrue(mismatch.contains("'w'") && mismatch.contains("[2, 2]"), mismatch)
        let duplicate = errorMessage { try SafeTensorsWriter.write([("w", [1], [1]), ("w", [1], [2])], to: url) }
        XCTAssertTrue(duplicate.contains("'w'") && duplicate.contains("twice"), duplicate)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    // MARK: Bad files

    func testTruncatedDataNamesFileAndTensor() throws {
        let url = directory.appendingPathComponent("truncated.safetensors")
        try SafeTensorsWriter.write([("first", [4], [1, 2, 3, 4]), ("second", [4], [5, 6, 7, 8])], to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 3).write(to: url)
        let message = errorMessage { _ = try SafeTensorsFile(url: url) }
        XCTAssertTrue(message.contains(url.path) && message.contains("'second'") && message.contains("truncated"), message)
    }

    func testTruncatedHeaderNamesFile() throws {
        let url = directory.appendingPathComponent("short.safetensors")
        try SafeTensorsWriter.write([("w", [1], [1])], to: url)
        let bytes = try Data(contentsOf: url)
        for keep in [0, 5, 20] {
            try bytes.prefix(keep).write(to: url)
            let message = errorMessage { _ = try SafeTensorsFile(url: url) }
            XCTAssertTrue(message.contains(url.path) && message.contains("truncated"), message)
        }
    }

    func testHeaderThatLiesAboutSizesIsRejected() throws {
        let data = [UInt8](repeating: 0, count: 24)
        let shortSpan = try handMadeFile("lie1.safetensors", header: #"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, data: data)
        let message = errorMessage { _ = try SafeTensorsFile(url: shortSpan) }
        XCTAssertTrue(message.contains(shortSpan.path) && message.contains("'w'") && message.contains("24 bytes"), message)

        let pastEnd = try handMadeFile("lie2.safetensors", header: #"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}"#, data: data)
        let pastEndMessage = errorMessage { _ = try SafeTensorsFile(url: pastEnd) }
        XCTAssertTrue(pastEndMessage.contains("'w'") && pastEndMessage.contains("data area"), pastEndMessage)

        let reversed = try handMadeFile("lie3.safetensors", header: #"{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#, data: data)
        XCTAssertTrue(errorMessage { _ = try SafeTensorsFile(url: reversed) }.contains("'w'"))

        let hugeLength = directory.appendingPathComponent("lie4.safetensors")
        try Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B, 0x7D]).write(to: hugeLength)
        XCTAssertTrue(errorMessage { _ = try SafeTensorsFile(url: hugeLength) }.contains("truncated"))
    }

    func testMalformedHeadersAreRejected() throws {
        let cases = [
            "not json",
            "[1, 2]",
            #"{"w":{"dtype":"F32","shape":[1]}}"#,
            #"{"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}"#,
            #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
            #"{"__metadata__":{"step":3}}"#,
        ]
        for (index, header) in cases.enumerated() {
            let url = try handMadeFile("malformed\(index).safetensors", header: header, data: [0, 0, 0, 0])
            let message = errorMessage { _ = try SafeTensorsFile(url: url) }
            XCTAssertTrue(message.contains(url.path) && !message.contains("\n"), "\(header): \(message)")
        }
    }

    func testMissingTensorNamesFileAndTensor() throws {
        let url = directory.appendingPathComponent("one.safetensors")
        try SafeTensorsWriter.write([("present", [1], [1])], to: url)
        let file = try SafeTensorsFile(url: url)
        for read in [{ _ = try file.floats("absent") }, { _ = try file.shape(of: "absent") }, { _ = try file.int64s("absent") }] {
            let message = errorMessage(read)
            XCTAssertTrue(message.contains(url.path) && message.contains("'absent'"), message)
        }
    }

    func testUnreadableFileIsAnError() {
        let url = directory.appendingPathComponent("does-not-exist.safetensors")
        XCTAssertTrue(errorMessage { _ = try SafeTensorsFile(url: url) }.contains(url.path))
    }

    // MARK: Other dtypes, from known bit patterns

    func testHalfBFloatAndInt64ValuesFromKnownBitPatterns() throws {
        let halves: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x8000, 0x7C00, 0xFC00, 0x3555]
        let halfValues: [Float] = [1, -2, 65504, 0x1p-24, 1023 * 0x1p-24, -0.0, .infinity, -.infinity, 0x1.554p-2]
        let bfloats: [UInt16] = [0x3F80, 0xC0A0, 0x4049, 0x0000, 0xFF80]
        let bfloatValues: [Float] = [1, -5, 3.140625, 0, -.infinity]
        let integers: [Int64] = [0, -1, 1 << 40, .max, .min]
        func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
            values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        }
        let halfBytes = littleEndian(halves), bfloatBytes = littleEndian(bfloats), integerBytes = littleEndian(integers)
        let b1 = halfBytes.count, b2 = b1 + bfloatBytes.count, b3 = b2 + integerBytes.count
        let header = """
        {"half":{"dtype":"F16","shape":[3,3],"data_offsets":[0,\(b1)]},\
        "bf":{"dtype":"BF16","shape":[5],"data_offsets":[\(b1),\(b2)]},\
        "ids":{"dtype":"I64","shape":[5,1],"data_offsets":[\(b2),\(b3)]},\
        "__metadata__":{"source":"hand"}}
        """
        // Pad the header so that the data starts 3 bytes past an 8-byte boundary: no tensor is
        // aligned, and reads must not assume it is.
        let padding = String(repeating: " ", count: (11 - header.utf8.count % 8) % 8)
        let url = try handMadeFile("dtypes.safetensors", header: header + padding, data: halfBytes + bfloatBytes + integerBytes)
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(file.tensorNames, ["bf", "half", "ids"])
        XCTAssertEqual(file.metadata, ["source": "hand"])
        XCTAssertEqual(try file.dtype(of: "half"), .F16)
        XCTAssertEqual(try file.dtype(of: "bf"), .BF16)
        XCTAssertEqual(try file.dtype(of: "ids"), .I64)
        XCTAssertEqual(try file.shape(of: "ids"), [5, 1])
        XCTAssertEqual(try file.floats("half").map(\.bitPattern), halfValues.map(\.bitPattern))
        XCTAssertEqual(try file.floats("bf").map(\.bitPattern), bfloatValues.map(\.bitPattern))
        XCTAssertEqual(try file.int64s("ids"), integers)
        XCTAssertEqual(try file.floats("ids"), integers.map(Float.init))
        let message = errorMessage { _ = try file.int64s("half") }
        XCTAssertTrue(message.contains("'half'") && message.contains("F16"), message)
    }

    func testHalfPrecisionNaNKeepsItsPayload() {
        XCTAssertEqual(HalfPrecision.float(0x7E01).bitPattern, 0x7FC0_2000)
        XCTAssertTrue(HalfPrecision.float(0xFE00).isNaN)
    }

    func testUnsupportedDTypeIsReportedWhenRead() throws {
        let url = try handMadeFile("f64.safetensors", header: #"{"d":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#,
                                   data: [UInt8](repeating: 0, count: 8))
        let file = try SafeTensorsFile(url: url)
        XCTAssertEqual(try file.shape(of: "d"), [1])
        let message = errorMessage { _ = try file.floats("d") }
        XCTAssertTrue(message.contains("'d'") && message.contains("F64"), message)
    }

    // MARK: Golden file written by safetensors (Python)

    func testModelBatchGoldenMatchesItsSidecarTable() throws {
        let file = try SafeTensorsFile(url: TestPaths.golden("model_batch.safetensors"))
        let sidecar = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.golden("model_batch.json"))) as? [String: Any])
        let table = try XCTUnwrap(sidecar["tensors"] as? [String: [String: Any]], "model_batch.json has no tensors table")
        XCTAssertEqual(file.tensorNames, table.keys.sorted())
        for (name, facts) in table {
            XCTAssertEqual(try file.dtype(of: name).rawValue, facts["dtype"] as? String, name)
            XCTAssertEqual(try file.shape(of: name), facts["shape"] as? [Int], name)
            XCTAssertEqual(try file.floats(name).count, (facts["shape"] as? [Int])?.reduce(1, *), name)
        }
        let logits = try XCTUnwrap(sidecar["logits"] as? [[Double]]).joined().map(Float.init)
        XCTAssertEqual(try file.floats("logits"), logits)
        XCTAssertEqual(try file.floats("per_example_loss"), try XCTUnwrap(sidecar["per_example_loss"] as? [Double]).map(Float.init))
        XCTAssertEqual(try file.floats("loss"), [Float(try XCTUnwrap(sidecar["loss"] as? Double))])
        XCTAssertEqual(try file.int64s("labels"), try XCTUnwrap(sidecar["labels"] as? [Int]).map(Int64.init))
    }
}
