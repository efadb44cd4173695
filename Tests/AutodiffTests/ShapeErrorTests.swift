import XCTest
@testable import Autodiff

/// Broadcasting and shape mistakes are reported as errors that say what was expected.
final class ShapeErrorTests: XCTestCase {
    func testMismatchesAreClearErrors() throws {
        let t = Tape()
        let a = Tensor.zeros([2, 3]), b = Tensor.zeros([3, 2])
        XCTAssertThrowsError(try t.add(a, b)) { XCTAssertEqual("\($0)", "add: expected shape [2, 3], got [3, 2]") }
        XCTAssertThrowsError(try t.addBias(a, Tensor.zeros([2]))) { XCTAssertTrue("\($0)".contains("bias [3]")) }
        XCTAssertThrowsError(try t.matmul(a, Tensor.zeros([2, 2]))) { XCTAssertTrue("\($0)".contains("inner dimensions")) }
        XCTAssertThrowsError(try t.reshape(a, [4, 2])) { XCTAssertTrue("\($0)".contains("6 elements")) }
        XCTAssertThrowsError(try t.slice(a, axis: 1, range: 2..<4)) { XCTAssertTrue("\($0)".contains("slice")) }
        XCTAssertThrowsError(try t.mix(a, a, lambdas: [0.5, 0.5, 0.5])) { XCTAssertTrue("\($0)".contains("1 or 2")) }
        XCTAssertThrowsError(try t.embedding(Tensor.zeros([4, 2]), ids: [4], outerShape: [1])) { XCTAssertTrue("\($0)".contains("id 4")) }
        XCTAssertThrowsError(try t.crossEntropy(a, labels: [0, 3])) { XCTAssertTrue("\($0)".contains("label 3")) }
        XCTAssertThrowsError(try Tensor(shape: [2, 2], values: [1])) { XCTAssertEqual("\($0)", "tensor shape [2, 2] needs 4 values, got 1") }
        XCTAssertThrowsError(try t.backward(from: a)) { XCTAssertTrue("\($0)".contains("[1]")) }
    }

    func testTensorsWithoutGradientCostNothingInBackward() throws {
        let t = Tape()
        let x = Tensor.zeros([2, 3]), w = Tensor.zeros([3, 3])
        _ = try t.matmul(t.gelu(x), w)
        XCTAssertEqual(t.recordCount, 0)
        let p = try Parameter(name: "w", shape: [3, 3], values: [Float](repeating: 1, count: 9))
        let leaf = try Tensor(shape: [2, 3], values: [Float](repeating: 1, count: 6), requiresGrad: true)
        let saliencyTape = Tape(computesParameterGradients: false)
        let y = try saliencyTape.matmul(leaf, p.tensor)
        try saliencyTape.backward(from: y, gradient: [Float](repeating: 1, count: 6))
        XCTAssertNotNil(leaf.grad)
        XCTAssertNil(p.grad, "a tape without parameter gradients must not fill weight gradients")
    }
}
