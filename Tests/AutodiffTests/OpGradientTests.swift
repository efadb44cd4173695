import XCTest
@testable import Autodiff

/// One finite-difference check per op (and per variant: transposes, masks, axes).
final class OpGradientTests: XCTestCase {
    typealias G = GradientCheck

    func testMatmulAllTransposes() throws {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = ta ? G.random([4, 3], seed: 1) : G.random([3, 4], seed: 1)
            let b = tb ? G.random([5, 4], seed: 2) : G.random([4, 5], seed: 2)
            try G.check([a, b]) { t, x in try t.matmul(x[0], x[1], transposeA: ta, transposeB: tb, alpha: 0.7) }
        }
    }

    func testMatmulFlattensLeadingAxes() throws {
        try G.check([G.random([2, 3, 4], seed: 3), G.random([5, 4], seed: 4)]) { t, x in
            try t.matmul(x[0], x[1], transposeB: true)
        }
    }

    func testBatchedMatmulAllTransposes() throws {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = ta ? G.random([2, 4, 3], seed: 5) : G.random([2, 3, 4], seed: 5)
            let b = tb ? G.random([2, 5, 4], seed: 6) : G.random([2, 4, 5], seed: 6)
            try G.check([a, b]) { t, x in try t.batchedMatmul(x[0], x[1], transposeA: ta, transposeB: tb, alpha: 1.3) }
        }
    }

    func testAddAndBias() throws {
        try G.check([G.random([3, 4], seed: 7), G.random([3, 4], seed: 8)]) { t, x in try t.add(x[0], x[1]) }
        try G.check([G.random([2, 3, 4], seed: 9), G.random([4], seed: 10)]) { t, x in try t.addBias(x[0], x[1]) }
    }

    func testLinear() throws {
        try G.check([G.random([2, 3, 4], seed: 16), G.random([5, 4], seed: 17), G.random([5], seed: 18)]) { t, x in
            try t.linear(x[0], weight: x[1], bias: x[2])
        }
    }

    func testScaleAndMultiply() throws {
        try G.check([G.random([3, 4], seed: 11)]) { t, x in t.scale(x[0], -2.5) }
        try G.check([G.random([3, 4], seed: 12), G.random([3, 4], seed: 13)]) { t, x in try t.multiply(x[0], x[1]) }
    }

    func testGeluAndTanh() throws {
        try G.check([G.random([4, 5], seed: 14, scale: 3)]) { t, x in t.gelu(x[0]) }   // one run of 16 lanes and a tail
        try G.check([G.random([4, 5], seed: 15, scale: 2)]) { t, x in t.tanh(x[0]) }
    }

    func testSoftmaxPlainAndMasked() throws {
        try G.check([G.random([3, 6], seed: 16, scale: 2)]) { t, x in try t.softmax(x[0]) }
        let mask = try Tensor(shape: [2, 5], values: [0, 0, 0, -10000, -10000, 0, 0, 0, 0, 0])
        try G.check([G.random([2, 3, 4, 5], seed: 17, scale: 2)]) { t, x in try t.softmax(x[0], additiveMask: mask) }
    }

    func testLayerNorm() throws {
        try G.check([G.random([3, 8], seed: 18, scale: 2), G.random([8], seed: 19), G.random([8], seed: 20)]) { t, x in
            try t.layerNorm(x[0], gamma: x[1], beta: x[2], eps: 1e-12)
        }
    }

    func testEmbeddingScattersRepeatedRows() throws {
        try G.check([G.random([6, 4], seed: 21)]) { t, x in try t.embedding(x[0], ids: [1, 3, 1, 5, 0, 1], outerShape: [2, 3]) }
    }

    func testDropoutUsesOneMask() throws {
        try G.check([G.random([4, 6], seed: 22)]) { t, x in
            var rng = SeededRNG(seed: 5)
            return try t.dropout(x[0], p: 0.3, using: &rng)
        }
    }

    func testMixScalarAndPerExample() throws {
        try G.check([G.random([2, 3, 4], seed: 23), G.random([2, 3, 4], seed: 24)]) { t, x in try t.mix(x[0], x[1], lambdas: [0.8]) }
        try G.check([G.random([2, 3, 4], seed: 25), G.random([2, 3, 4], seed: 26)]) { t, x in try t.mix(x[0], x[1], lambdas: [0.9, 0.6]) }
    }

    func testCrossEntropyPlainAndWeighted() throws {
        try G.check([G.random([4, 5], seed: 27, scale: 3)]) { t, x in try t.crossEntropy(x[0], labels: [0, 4, 2, 2]) }
        try G.check([G.random([3, 5], seed: 28, scale: 3)]) { t, x in
            try t.weightedCrossEntropy(x[0], labels: [0, 1, 2], otherLabels: [3, 1, 4], lambdas: [0.9, 0.5, 0.7])
        }
    }

    func testShapeOps() throws {
        try G.check([G.random([2, 6], seed: 29)]) { t, x in try t.reshape(x[0], [3, 4]) }
        try G.check([G.random([4, 3, 2], seed: 30)]) { t, x in try t.slice(x[0], axis: 0, range: 1..<3) }
        try G.check([G.random([2, 5, 3], seed: 31)]) { t, x in try t.slice(x[0], axis: 1, range: 0..<1) }
        try G.check([G.random([2, 3], seed: 32), G.random([1, 3], seed: 33)]) { t, x in try t.concat(x, axis: 0) }
        try G.check([G.random([2, 2, 3], seed: 34), G.random([2, 4, 3], seed: 35)]) { t, x in try t.concat(x, axis: 1) }
    }
}

/// The checker itself: it must reject a backward that is wrong, or the op tests prove nothing.
final class GradientCheckTests: XCTestCase {
    typealias G = GradientCheck

    func testCheckerRejectsABackwardThatDropsATerm() throws {
        // x ⊙ x with the second factor a detached copy: the forward depends on x twice, the
        // recorded backward only once, so the analytic gradient is half the true one.
        let x = G.random([3, 4], seed: 40)
        let broken = try G.compare([x]) { t, leaves in
            try t.multiply(leaves[0], Tensor(shape: leaves[0].shape, values: leaves[0].values))
        }
        XCTAssertNotNil(broken.firstFailure, "a missing gradient term must be reported")
        XCTAssertGreaterThan(broken.worst, 1)
        let correct = try G.compare([x]) { t, leaves in try t.multiply(leaves[0], leaves[0]) }
        XCTAssertNil(correct.firstFailure, correct.firstFailure ?? "")
    }
}
