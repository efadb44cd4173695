import XCTest
@testable import Autodiff

/// Finite-difference gradient checking.
///
/// The ops compute in Float32, so the reference is a central difference of the scalar
/// f(x) = Σ_i w_i · op(x)_i (w fixed random weights, f summed in Float64) with step h = 1e-2 on
/// inputs of magnitude ≈ 1. Its error has two parts: truncation O(h²) ≈ 1e-4 relative, and Float32
/// rounding of the forward pass, ≈ 1e-7 · |f| · √N / h ≈ 1e-3 for our sizes. Each gradient element
/// must therefore agree within 1e-3 · scale + 2e-2 · |numeric|, where scale is the largest numeric
/// gradient. A wrong backward (a missing term, a wrong index, a sign) is off by O(1) · scale.
enum GradientCheck {
    struct Input {
        var shape: [Int]
        var values: [Float]
    }

    /// Deterministic values in [-1, 1).
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Input {
        var rng = SeededRNG(seed: seed)
        return Input(shape: shape, values: (0..<shape.product).map { _ in Float.random(in: -1..<1, using: &rng) * scale })
    }

    /// The outcome of one comparison: the largest error relative to its tolerance (≤ 1 passes) and
    /// the first element outside its tolerance, if any.
    struct Report {
        var worst: Double
        var firstFailure: String?
    }

    /// Checks the analytic gradient of every input of `build` against finite differences and fails
    /// the calling test at the first element outside its tolerance. Returns the worst relative error.
    @discardableResult
    static func check(_ inputs: [Input], file: StaticString = #filePath, line: UInt = #line,
                      _ build: (Tape, [Tensor]) throws -> Tensor) throws -> Double {
        let report = try compare(inputs, build)
        if let failure = report.firstFailure { XCTFail(failure, file: file, line: line) }
        return report.worst
    }

    /// Compares the analytic gradient of every input of `build` with finite differences, without
    /// asserting (so that a test can show that a wrong backward is caught).
    static func compare(_ inputs: [Input], _ build: (Tape, [Tensor]) throws -> Tensor) throws -> Report {
        func forward(_ values: [[Float]], tape: Tape, requiresGrad: Bool) throws -> (Tensor, [Tensor]) {
            let leaves = try zip(inputs, values).map { try Tensor(shape: $0.0.shape, values: $0.1, requiresGrad: requiresGrad) }
            return (try build(tape, leaves), leaves)
        }
        let base = inputs.map(\.values)
        let probe = try forward(base, tape: Tape(), requiresGrad: false).0
        var rng = SeededRNG(seed: 99)
        let weights = (0..<probe.count).map { _ in Float.random(in: -1..<1, using: &rng) }
        func objective(_ values: [[Float]]) throws -> Double {
            let out = try forward(values, tape: Tape(), requiresGrad: false).0
            return zip(out.values, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let tape = Tape()
        let (out, leaves) = try forward(base, tape: tape, requiresGrad: true)
        try tape.backward(from: out, gradient: weights)
        var worst = 0.0
        for (k, input) in inputs.enumerated() {
            let analytic = leaves[k].grad ?? [Float](repeating: 0, count: input.values.count)
            var numeric = [Double](repeating: 0, count: input.values.count)
            let h: Float = 1e-2
            for i in 0..<input.values.count {
                var plus = base, minus = base
                plus[k][i] += h; minus[k][i] -= h
                numeric[i] = (try objective(plus) - objective(minus)) / Double(2 * h)
            }
            let scale = max(numeric.map(abs).max() ?? 0, 1e-6)
            for i in 0..<numeric.count {
                let tolerance = 1e-3 * scale + 2e-2 * abs(numeric[i])
                let error = abs(Double(analytic[i]) - numeric[i])
                worst = max(worst, error / tolerance)
                if error > tolerance {
                    return Report(worst: worst, firstFailure: "input \(k) element \(i): analytic \(analytic[i]) vs numeric \(numeric[i])")
                }
            }
        }
        return Report(worst: worst, firstFailure: nil)
    }
}
