import XCTest
@testable import Autodiff

/// Backward frees what it no longer needs: records once run, gradients of intermediate results once
/// passed on, unless a result asks to keep its gradient.
final class TapeMemoryTests: XCTestCase {
    /// y = 3x, z = y ⊙ y, seeded with ones: dz/dy = 2y = 6x and dz/dx = 18x.
    private func run(retain: Bool) throws -> (x: Tensor, y: Tensor, tape: Tape) {
        let tape = Tape()
        let x = try Tensor(shape: [4], values: [1, -2, 0.5, 3], requiresGrad: true)
        let y = tape.scale(x, 3)
        y.retainsGrad = retain
        let z = try tape.multiply(y, y)
        try tape.backward(from: z, gradient: [1, 1, 1, 1])
        return (x, y, tape)
    }

    func testIntermediateGradientsAreDroppedUnlessRetained() throws {
        let dropped = try run(retain: false)
        XCTAssertNil(dropped.y.grad, "an intermediate result's gradient is freed once consumed")
        XCTAssertEqual(dropped.x.grad, [18, -36, 9, 54], "leaves keep their gradients")
        XCTAssertEqual(dropped.tape.recordCount, 0, "records are released as they run")

        let kept = try run(retain: true)
        XCTAssertEqual(kept.y.grad, [6, -12, 3, 18])
        XCTAssertEqual(kept.x.grad, [18, -36, 9, 54])
    }
}
