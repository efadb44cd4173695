import TestSupport
import XCTest
@testable import Autodiff

/// The global gradient norm and clipping, against sums of squares in Float64.
final class GradientNormTests: XCTestCase {
    /// Parameters of assorted sizes: below one block, several blocks of the parallel sum, and counts
    /// that leave a partial run of lanes; one without a gradient.
    private func parameters() throws -> [Parameter] {
        var rng = SplitMix64(seed: 7)
        let counts = [3, 17, 65_536, 200_003]
        var params = try counts.enumerated().map { index, count in
            let p = try Parameter(name: "p\(index).weight", shape: [count], values: [Float](repeating: 0, count: count))
            p.tensor.grad = (0..<count).map { _ in Float.random(in: -1...1, using: &rng) * Float(index + 1) }
            return p
        }
        params.append(try Parameter(name: "unused.bias", shape: [5], values: [Float](repeating: 1, count: 5)))
        return params
    }

    private func squaredNormInDouble(_ params: [Parameter]) -> Double {
        params.compactMap(\.grad).joined().reduce(0) { $0 + Double($1) * Double($1) }
    }

    func testNormMatchesFloat64WithinTheSummationBound() throws {
        let params = try parameters()
        let exact = squaredNormInDouble(params)
        // Positive terms: each Float32 lane adds at most 65,536 / 16 terms of a block, then 15 more
        // across lanes, each rounding within half an ulp of the running sum.
        let bound = Double(65_536 / 16 + 15) * Double(Float.ulpOfOne) / 2 * exact
        let norm = params.gradientNorm()
        XCTAssertEqual(norm * norm, exact, accuracy: bound)
        XCTAssertGreaterThan(exact, 0)
    }

    func testClippingScalesToTheMaximumNorm() throws {
        let params = try parameters()
        let norm = params.gradientNorm()
        let maxNorm = norm / 4
        params.clipGradients(maxNorm: maxNorm, norm: norm)
        let expected = maxNorm * norm / (norm + 1e-6)   // PyTorch's factor maxNorm / (norm + 1e-6)
        XCTAssertEqual(squaredNormInDouble(params).squareRoot(), expected, accuracy: expected * 1e-5)
    }

    func testNoClippingBelowTheMaximumNorm() throws {
        let params = try parameters()
        let before = params.map(\.grad)
        params.clipGradients(maxNorm: params.gradientNorm() * 2, norm: params.gradientNorm())
        XCTAssertEqual(params.map(\.grad), before)
    }
}
