import Autodiff
import BERT
import XCTest

/// What the hidden-state composition tests share: two random batches padded to one length, an
/// element-wise mix, and a comparison scaled to the values' magnitude.
enum HiddenMixFixtures {
    /// Two batches of 3 rows with ids in 1..<`vocabulary`, rows of different real lengths, padded to one length.
    static func batches(seed: UInt64, vocabulary: Int32, lengths: ClosedRange<Int>) -> (TokenBatch, TokenBatch) {
        var rng = SeededRNG(seed: seed)
        func rows() -> [(ids: [Int32], types: [Int32])] {
            (0..<3).map { _ in
                let ids = (0..<Int.random(in: lengths, using: &rng)).map { _ in Int32.random(in: 1..<vocabulary, using: &rng) }
                return (ids, [Int32](repeating: 0, count: ids.count))
            }
        }
        let a = rows(), b = rows()
        let length = (a + b).map(\.ids.count).max() ?? 1
        return (TokenBatch(examples: a, minimumLength: length), TokenBatch(examples: b, minimumLength: length))
    }

    /// λ·x + (1−λ)·y element by element.
    static func mix(_ x: Tensor, _ y: Tensor, _ lambda: Float) throws -> Tensor {
        try Tensor(shape: x.shape, values: zip(x.values, y.values).map { lambda * $0 + (1 - lambda) * $1 })
    }

    /// Equal shapes, and every element within 1e-5 of the largest magnitude (at least 1).
    static func assertClose(_ got: Tensor, _ want: Tensor, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.shape, want.shape, message, file: file, line: line)
        let scale = want.values.map(abs).max() ?? 0
        for (g, w) in zip(got.values, want.values) {
            XCTAssertEqual(g, w, accuracy: 1e-5 * max(scale, 1), message, file: file, line: line)
        }
    }
}
