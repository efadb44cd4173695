import XCTest
@testable import Autodiff

final class RandomTests: XCTestCase {
    func testSeededAndSplitStreamsAreReproducibleAndIndependent() {
        var a = SeededRNG(seed: 7), b = SeededRNG(seed: 7)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        var d1 = SeededRNG(seed: 7).split("dropout"), d2 = SeededRNG(seed: 7).split("dropout")
        var s = SeededRNG(seed: 7).split("shuffle")
        let x = d1.next()
        XCTAssertEqual(x, d2.next())
        XCTAssertNotEqual(x, s.next())
    }

    /// Beta(α, α) has mean 1/2 and variance 1/(4(2α+1)); 20,000 draws pin both to within a few
    /// standard errors (the variance's standard error here is about 0.0012).
    func testBetaMomentsMatchTheory() {
        var rng = SeededRNG(seed: 11)
        for alpha in [0.2, 2.0] {
            let draws = (0..<20_000).map { _ in rng.nextBeta(alpha, alpha) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
            XCTAssertEqual(mean, 0.5, accuracy: 0.01, "Beta(\(alpha)) mean")
            XCTAssertEqual(variance, 1 / (4 * (2 * alpha + 1)), accuracy: 0.006, "Beta(\(alpha)) variance")
            XCTAssertTrue(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }
}
