import Foundation
import XCTest
@testable import Autodiff

/// The 16-lane exponential and GELU against libm in double precision.
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
}
