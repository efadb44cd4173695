import XCTest
@testable import Mixup

/// Conversions between compact `TokenRow`s and the golden files' 128-wide padded buffers.
extension GoldenObject {
    /// The real tokens of `{input_ids, token_type_ids, length}` (and `attention_mask` when
    /// present, which must be 1 on exactly the first `length` positions).
    func tokenRow() throws -> TokenRow {
        let ids = try ints("input_ids"), types = try ints("token_type_ids")
        let length = has("length") ? try int("length") : try ints("attention_mask").reduce(0, +)
        guard length <= ids.count, ids.count == types.count else { throw failure("length \(length) does not fit the buffers") }
        if has("attention_mask") {
            let mask = try ints("attention_mask")
            guard mask == PaddedRow.mask(length: length, width: mask.count) else {
                throw failure("attention_mask is not \(length) ones then zeros")
            }
        }
        return TokenRow(ids: ids.prefix(length).map(Int32.init), types: types.prefix(length).map(Int32.init))
    }
}

/// A row written back into fixed-width buffers, padded with 0.
struct PaddedRow: Equatable {
    let ids: [Int]
    let mask: [Int]
    let types: [Int]

    init(_ row: TokenRow, width: Int) {
        ids = Self.pad(row.ids.map(Int.init), width)
        types = Self.pad(row.types.map(Int.init), width)
        mask = Self.mask(length: row.length, width: width)
    }

    static func pad(_ values: [Int], _ width: Int) -> [Int] {
        values + Array(repeating: 0, count: max(width - values.count, 0))
    }

    static func mask(length: Int, width: Int) -> [Int] {
        pad(Array(repeating: 1, count: length), width)
    }
}

/// Assertions shared by every golden family.
enum GoldenAssert {
    /// `row` padded equals the golden `{input_ids, attention_mask, token_type_ids}` exactly.
    static func row(_ row: TokenRow, equals expected: GoldenObject,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        let ids = try expected.ints("input_ids")
        let actual = PaddedRow(row, width: ids.count)
        XCTAssertLessThanOrEqual(row.length, ids.count, "\(expected.context): row longer than the buffer", file: file, line: line)
        XCTAssertEqual(actual.ids, ids, "\(expected.context): input_ids", file: file, line: line)
        XCTAssertEqual(actual.mask, try expected.ints("attention_mask"), "\(expected.context): attention_mask", file: file, line: line)
        XCTAssertEqual(actual.types, try expected.ints("token_type_ids"), "\(expected.context): token_type_ids", file: file, line: line)
    }

    /// λ within 1e-6 of the golden float32 value.
    static func lambda(_ lambda: Float, _ expected: Double, _ context: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Double(lambda), expected, accuracy: 1e-6, "\(context): lambda", file: file, line: line)
    }
}

extension PairMixResult {
    /// The segment mix a golden `segments[].name` refers to.
    func segment(named name: String) -> MixedRow? {
        switch PairSegmentName(rawValue: name) {
        case .abLeft: return ab.left
        case .abRight: return ab.right
        case .baLeft: return ba.left
        case .baRight: return ba.right
        case nil: return nil
        }
    }
}
