import XCTest
@testable import Autodiff
import TestSupport

/// Products large enough to be split between threads, against a double-precision product, for
/// every layout, α and β, and with a bias.
final class LargeProductTests: XCTestCase {
    /// Each element within the worst-case rounding bound of a k-term float32 dot product,
    /// 2 · k · 2⁻²⁴ · Σ|α a b|, plus 2⁻²⁴ |β c| for the accumulated term.
    private func checkProducts(_ multiply: (Bool, Bool, Int, Int, Int, Float, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int,
                                            Float, UnsafeMutablePointer<Float>, Int) -> Void) {
        let (m, n, k) = (200, 150, 96)   // 2.9 M multiply-adds: above the threshold for a split product
        var random = SplitMix64(seed: 7)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1...1, using: &random) } }
        for (transA, transB) in [(false, false), (false, true), (true, false), (true, true)] {
            for (alpha, beta) in [(Float(1), Float(0)), (0.7, 1), (1, 1)] {
                let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 5, ldc = n + 2
                let a = values((transA ? k : m) * lda), b = values((transB ? n : k) * ldb), start = values(m * ldc)
                var c = start
                a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
                    multiply(transA, transB, m, n, k, alpha, pa.baseAddress!, lda, pb.baseAddress!, ldb, beta, pc.baseAddress!, ldc)
                } } }
                for i in 0..<m {
                    for j in 0..<n {
                        var exact = Double(beta) * Double(start[i * ldc + j]), magnitude = 0.0
                        for p in 0..<k {
                            let x = Double(transA ? a[p * lda + i] : a[i * lda + p]), y = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                            exact += Double(alpha) * x * y
                            magnitude += abs(Double(alpha) * x * y)
                        }
                        let bound = 2 * Double(k) * 0x1p-24 * magnitude + 0x1p-24 * abs(Double(beta) * Double(start[i * ldc + j]))
                        XCTAssertLessThanOrEqual(abs(Double(c[i * ldc + j]) - exact), bound,
                                                 "C[\(i), \(j)] transA \(transA) transB \(transB) alpha \(alpha) beta \(beta)")
                    }
                }
            }
        }
    }

    func testProductSplitBetweenThreads() {
        checkProducts { sgemm($0, $1, m: $2, n: $3, k: $4, alpha: $5, a: $6, lda: $7, b: $8, ldb: $9, beta: $10, c: $11, ldc: $12) }
    }

    /// A dense layer's product, x · Wᵀ + b, the rows started as copies of the bias.
    func testProductWithBias() {
        let (m, n, k) = (300, 120, 100)
        var random = SplitMix64(seed: 11)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1...1, using: &random) } }
        let x = values(m * k), weight = values(n * k), bias = values(n)
        var out = [Float](repeating: .nan, count: m * n)
        x.withUnsafeBufferPointer { px in weight.withUnsafeBufferPointer { pw in bias.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { po in
                sgemm(false, true, m: m, n: n, k: k, alpha: 1, a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: k,
                      beta: 0, c: po.baseAddress!, ldc: n, bias: pb.baseAddress!)
            }
        } } }
        for i in 0..<m {
            for j in 0..<n {
                let terms = (0..<k).map { Double(x[i * k + $0]) * Double(weight[j * k + $0]) }
                let exact = Double(bias[j]) + terms.reduce(0, +)
                let bound = 2 * Double(k + 1) * 0x1p-24 * (abs(Double(bias[j])) + terms.map(abs).reduce(0, +))
                XCTAssertLessThanOrEqual(abs(Double(out[i * n + j]) - exact), bound, "row \(i), column \(j)")
            }
        }
    }
}
