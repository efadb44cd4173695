import XCTest
@testable import Autodiff

/// The fused attention op: finite-difference gradients with and without dropout and padding, and
/// the same output and dropout stream as the unfused chain of ops.
final class AttentionTests: XCTestCase {
    typealias G = GradientCheck
    /// Two examples of two heads, 5 tokens, head size 3; the first example has two padded keys.
    private let mask = try! Tensor(shape: [2, 5], values: [0, 0, 0, -10000, -10000, 0, 0, 0, 0, 0])

    func testGradientsWithoutDropout() throws {
        try G.check([G.random([4, 5, 3], seed: 31, scale: 1.5), G.random([4, 5, 3], seed: 32, scale: 1.5),
                     G.random([4, 5, 3], seed: 33)]) { t, x in
            var rng = SeededRNG(seed: 1)
            return try t.attention(q: x[0], k: x[1], v: x[2], additiveMask: self.mask, alpha: 0.6, dropout: 0, using: &rng)
        }
    }

    func testGradientsWithDropout() throws {
        try G.check([G.random([4, 5, 3], seed: 34, scale: 1.5), G.random([4, 5, 3], seed: 35, scale: 1.5),
                     G.random([4, 5, 3], seed: 36)]) { t, x in
            var rng = SeededRNG(seed: 2)   // the same keep decisions on every evaluation
            return try t.attention(q: x[0], k: x[1], v: x[2], additiveMask: self.mask, alpha: 0.6, dropout: 0.3, using: &rng)
        }
    }

    func testMatchesTheUnfusedOpsAndTheirDropoutStream() throws {
        let q = try Tensor(shape: [4, 5, 3], values: G.random([4, 5, 3], seed: 37).values)
        let k = try Tensor(shape: [4, 5, 3], values: G.random([4, 5, 3], seed: 38).values)
        let v = try Tensor(shape: [4, 5, 3], values: G.random([4, 5, 3], seed: 39).values)
        let t = Tape()
        var fusedRNG = SeededRNG(seed: 3), chainRNG = SeededRNG(seed: 3)
        let fused = try t.attention(q: q, k: k, v: v, additiveMask: mask, alpha: 0.6, dropout: 0.25, using: &fusedRNG)
        let scores = try t.reshape(t.batchedMatmul(q, k, transposeB: true, alpha: 0.6), [2, 2, 5, 5])
        let dropped = try t.dropout(t.softmax(scores, additiveMask: mask), p: 0.25, using: &chainRNG)
        let chain = try t.batchedMatmul(t.reshape(dropped, [4, 5, 5]), v)
        XCTAssertEqual(fused.shape, chain.shape)
        for (a, b) in zip(fused.values, chain.values) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertEqual(fusedRNG.next(), chainRNG.next(), "both must have drawn the same number of values")
    }
}
