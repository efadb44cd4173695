import XCTest
@testable import Autodiff

/// The fused attention op: finite-difference gradients with and without dropout and padding, and
/// the same output and dropout stream as the unfused chain of ops on heads copied apart.
final class AttentionTests: XCTestCase {
    typealias G = GradientCheck
    /// Two examples of 5 tokens, two heads of size 3 side by side in 6 columns; the first example has
    /// two padded keys.
    private let mask = try! Tensor(shape: [2, 5], values: [0, 0, 0, -10000, -10000, 0, 0, 0, 0, 0])

    func testGradientsWithoutDropout() throws {
        try G.check([G.random([2, 5, 6], seed: 31, scale: 1.5), G.random([2, 5, 6], seed: 32, scale: 1.5),
                     G.random([2, 5, 6], seed: 33)]) { t, x in
            var rng = SeededRNG(seed: 1)
            return try t.attention(q: x[0], k: x[1], v: x[2], heads: 2, additiveMask: self.mask, alpha: 0.6, dropout: 0, using: &rng)
        }
    }

    func testGradientsWithDropout() throws {
        try G.check([G.random([2, 5, 6], seed: 34, scale: 1.5), G.random([2, 5, 6], seed: 35, scale: 1.5),
                     G.random([2, 5, 6], seed: 36)]) { t, x in
            var rng = SeededRNG(seed: 2)   // the same keep decisions on every evaluation
            return try t.attention(q: x[0], k: x[1], v: x[2], heads: 2, additiveMask: self.mask, alpha: 0.6, dropout: 0.3, using: &rng)
        }
    }

    func testMatchesTheUnfusedOpsAndTheirDropoutStream() throws {
        let (batch, tokens, heads, size) = (2, 5, 2, 3)
        /// `[B, T, heads · d]` → `[B · heads, T, d]` when `apart`, the reverse otherwise.
        func moveHeads(_ values: [Float], apart: Bool) -> [Float] {
            var moved = values
            for b in 0..<batch { for t in 0..<tokens { for h in 0..<heads { for i in 0..<size {
                let side = ((b * tokens + t) * heads + h) * size + i, separate = ((b * heads + h) * tokens + t) * size + i
                if apart { moved[separate] = values[side] } else { moved[side] = values[separate] }
            } } } }
            return moved
        }
        let q = G.random([batch, tokens, heads * size], seed: 37).values, k = G.random([batch, tokens, heads * size], seed: 38).values
        let v = G.random([batch, tokens, heads * size], seed: 39).values
        let t = Tape()
        var fusedRNG = SeededRNG(seed: 3), chainRNG = SeededRNG(seed: 3)
        let fused = try t.attention(q: Tensor(shape: [batch, tokens, heads * size], values: q),
                                    k: Tensor(shape: [batch, tokens, heads * size], values: k),
                                    v: Tensor(shape: [batch, tokens, heads * size], values: v),
                                    heads: heads, additiveMask: mask, alpha: 0.6, dropout: 0.25, using: &fusedRNG)
        func separated(_ values: [Float]) throws -> Tensor {
            try Tensor(shape: [batch * heads, tokens, size], values: moveHeads(values, apart: true))
        }
        let scores = try t.reshape(t.batchedMatmul(separated(q), separated(k), transposeB: true, alpha: 0.6), [batch, heads, tokens, tokens])
        let dropped = try t.dropout(t.softmax(scores, additiveMask: mask), p: 0.25, using: &chainRNG)
        let chain = try t.batchedMatmul(t.reshape(dropped, [batch * heads, tokens, tokens]), separated(v))
        XCTAssertEqual(fused.shape, [batch, tokens, heads * size])
        for (a, b) in zip(fused.values, moveHeads(chain.values, apart: false)) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertEqual(fusedRNG.next(), chainRNG.next(), "both must have drawn the same number of values")
    }
}
