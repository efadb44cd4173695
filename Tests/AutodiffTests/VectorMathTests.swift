import Foundation
import TestSupport
import XCTest
@testable import Autodiff

/// The 16-lane exponential and GELU against libm in double precision; the dropout mask against its definition.
final class VectorMathTests: XCTestCase {
    /// Within 4 ulp of exp over the range softmax and GELU use, and 0 far below it (masked scores).
    func testExpMatchesLibm() {
        XCTAssertEqual(vectorExp(Float16Lanes(repeating: -10_000)), Float16Lanes())
        let inputs = stride(from: -87.0, through: 88.0, by: 0.0137).map(Float.init)
        for start in stride(from: 0, to: inputs.count, by: 16) {
            var lanes = Float16Lanes()
            let valid = min(16, inputs.count - start)
            for j in 0..<valid { lanes[j] = inputs[start + j] }
            let result = vectorExp(lanes)
            for j in 0..<valid {
                let reference = Foundation.exp(Double(inputs[start + j]))
                XCTAssertLessThanOrEqual(abs(Double(result[j]) - reference), 4 * Double(Float(reference).ulp),
                                         "exp(\(inputs[start + j]))")
            }
        }
    }

    /// GELU = x · Φ(x) within erf's error (1.5e-7 from the approximation, 2 ulp of 1 from rounding)
    /// times |x|/2, plus 4 ulp of the result, on lengths that leave every possible tail.
    func testGeluMatchesErfInDoublePrecision() {
        for count in [1, 15, 16, 17, 40_001] {
            let values = (0..<count).map { Float(-12 + 24 * Double($0) / Double(max(count - 1, 1))) }
            let tape = Tape()
            let out = tape.gelu(Tensor(unchecked: [count], values: values, requiresGrad: false)).values
            for (x, y) in zip(values, out) {
                let reference = Double(x) * 0.5 * (1 + erf(Double(x) / 2.0.squareRoot()))
                let bound = (1.5e-7 + 2 * Double(Float(1).ulp)) * abs(Double(x)) / 2 + 4 * Double(Float(reference).ulp) + Double(Float.leastNormalMagnitude)
                XCTAssertLessThanOrEqual(abs(Double(y) - reference), bound, "gelu(\(x)), length \(count)")
            }
        }
    }

    /// Kept elements scaled exactly as one Float32 multiply, dropped ones +0 (whatever the value,
    /// infinities included), any nonzero byte keeping, in place or not, on every possible tail.
    func testScaleKeptFollowsTheMask() {
        var rng = SplitMix64(seed: 3)
        for count in [1, 15, 16, 17, 40] {
            let x = (0..<count).map { $0 % 7 == 3 ? -Float.infinity : Float.random(in: -5...5, using: &rng) }
            let keep = (0..<count).map { _ in [0, 1, 0, 255][Int.random(in: 0..<4, using: &rng)] as UInt8 }
            let scale: Float = 1 / 0.9
            var out = [Float](repeating: .nan, count: count)
            var inPlace = x
            x.withUnsafeBufferPointer { px in keep.withUnsafeBufferPointer { pk in
                out.withUnsafeMutableBufferPointer { po in
                    scaleKept(px.baseAddress!, keep: pk.baseAddress!, scale: scale, count: count, into: po.baseAddress!)
                }
                inPlace.withUnsafeMutableBufferPointer { pi in
                    scaleKept(pi.baseAddress!, keep: pk.baseAddress!, scale: scale, count: count, into: pi.baseAddress!)
                }
            } }
            for i in 0..<count {
                let expected: Float = keep[i] != 0 ? x[i] * scale : 0
                XCTAssertEqual(out[i].bitPattern, expected.bitPattern, "element \(i) of \(count)")
                XCTAssertEqual(inPlace[i].bitPattern, expected.bitPattern, "element \(i) of \(count), in place")
            }
        }
    }
}
