import XCTest
@testable import Autodiff
import TestSupport

/// The bf16 path: rounding to bf16 against its definition, and the dense layer's three bf16
/// products against double-precision products of the same rounded operands.
final class BF16LinearTests: XCTestCase {
    /// The bf16 values adjacent to pattern `bits` (same sign), as doubles.
    private func neighbours(_ bits: UInt16) -> [Double] {
        [bits &- 1, bits &+ 1].filter { ($0 & 0x8000) == (bits & 0x8000) }.map { Double(floatFromBF16($0)) }.filter(\.isFinite)
    }

    /// Every finite value rounds to the nearest bf16 value, ties to the even pattern; values past
    /// the largest bf16 round to infinity only when they are nearer to 2¹²⁸ than to it.
    func testRoundingIsToNearestTiesToEven() {
        var random = SplitMix64(seed: 3)
        var samples: [Float] = [0, -0, 1, -1, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                Float(bitPattern: 0x3F80_8000), Float(bitPattern: 0x3F81_8000), Float(bitPattern: 0xBF80_8000),
                                Float(bitPattern: 0x7F7F_7FFF), Float(bitPattern: 0x7F7F_8000)]
        samples += (0..<20_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: random.next())) }.filter(\.isFinite)
        let largest = Double(floatFromBF16(0x7F7F))
        for x in samples {
            let bits = bf16Bits(x), value = Double(floatFromBF16(bits)), exact = Double(x)
            if value.isInfinite {
                XCTAssertGreaterThanOrEqual(abs(exact), largest + (0x1p128 - largest) / 2, "\(x) became \(value)")
                XCTAssertEqual(value.sign, exact.sign)
                continue
            }
            let error = abs(value - exact)
            for other in neighbours(bits) {
                let otherError = abs(other - exact)
                XCTAssertLessThanOrEqual(error, otherError, "\(x) → \(value), but \(other) is nearer")
                if error == otherError, error > 0 { XCTAssertEqual(bits & 1, 0, "\(x): a tie must round to the even pattern") }
            }
        }
    }

    func testSpecialValuesKeepTheirKind() {
        XCTAssertEqual(floatFromBF16(bf16Bits(.infinity)), .infinity)
        XCTAssertEqual(floatFromBF16(bf16Bits(-.infinity)), -.infinity)
        for nan in [Float.nan, -Float.nan, Float(bitPattern: 0x7F80_0001), Float(bitPattern: 0x7FFF_FFFF), Float(bitPattern: 0xFF80_0001)] {
            XCTAssertTrue(floatFromBF16(bf16Bits(nan)).isNaN, "\(nan.bitPattern)")
        }
    }

    func testBF16IsRefusedOnACPUWithoutBF16Instructions() throws {
        XCTAssertThrowsError(try Precision.bf16.checkSupported(cpuFlags: ["avx2", "fma", "avx512f"])) { error in
            XCTAssertTrue("\(error)".contains("--precision bf16"), "\(error)")
            XCTAssertTrue("\(error)".contains("--precision fp32"), "\(error)")
        }
        XCTAssertNoThrow(try Precision.fp32.checkSupported(cpuFlags: []))
    }

    /// y = x̃ · W̃ᵀ + b, dx = g̃ · W̃ and dW = g̃ᵀ · x̃ (̃: rounded to bf16), each element within the
    /// worst-case rounding bound of an fp32 sum of the same terms, 2 · (k + 1) · 2⁻²⁴ · Σ|terms|.
    /// Shapes: odd sizes (no full vector blocks) and one above the threads' split threshold.
    func testDenseLayerMatchesDoublePrecisionProductsOfRoundedOperands() throws {
        try XCTSkipUnless(ComputeEnvironment.cpuFlags().contains("avx512_bf16"), "this CPU has no AVX512-BF16")
        try Precision.bf16.checkSupported()
        var random = SplitMix64(seed: 5)
        func values(_ count: Int, scale: Float) -> [Float] { (0..<count).map { _ in Float.random(in: -scale...scale, using: &random) } }
        for (rows, k, n) in [(37, 50, 23), (3, 7, 5), (640, 384, 96)] {
            let x = values(rows * k, scale: 3), weight = values(n * k, scale: 0.05), bias = values(n, scale: 1), g = values(rows * n, scale: 2)
            let tape = Tape()
            let xt = try Tensor(shape: [rows, k], values: x, requiresGrad: true)
            let wt = try Tensor(shape: [n, k], values: weight, requiresGrad: true)
            let bt = try Tensor(shape: [n], values: bias, requiresGrad: true)
            let y = try tape.linear(xt, weight: wt, bias: bt, precision: .bf16)
            try tape.backward(from: y, gradient: g)
            let xr = x.map(rounded), wr = weight.map(rounded), gr = g.map(rounded)
            try check(y.values, rows: rows, columns: n, "y (\(rows)×\(k)×\(n))") { i, j in
                (0..<k).map { xr[i * k + $0] * wr[j * k + $0] } + [Double(bias[j])]
            }
            try check(XCTUnwrap(xt.grad), rows: rows, columns: k, "dx (\(rows)×\(k)×\(n))") { i, j in
                (0..<n).map { gr[i * n + $0] * wr[$0 * k + j] }
            }
            try check(XCTUnwrap(wt.grad), rows: n, columns: k, "dW (\(rows)×\(k)×\(n))") { i, j in
                (0..<rows).map { gr[$0 * n + i] * xr[$0 * k + j] }
            }
            try check(XCTUnwrap(bt.grad), rows: 1, columns: n, "db (\(rows)×\(k)×\(n))") { _, j in
                (0..<rows).map { Double(g[$0 * n + j]) }   // the bias gradient stays fp32
            }
        }
    }

    private func rounded(_ x: Float) -> Double { Double(floatFromBF16(bf16Bits(x))) }

    private func check(_ got: [Float], rows: Int, columns: Int, _ what: String, terms: (Int, Int) -> [Double]) throws {
        XCTAssertEqual(got.count, rows * columns, what)
        for i in 0..<rows {
            for j in 0..<columns {
                let t = terms(i, j)
                let exact = t.reduce(0, +), bound = 2 * Double(t.count) * 0x1p-24 * t.map(abs).reduce(0, +)
                let error = abs(Double(got[i * columns + j]) - exact)
                guard error <= bound else {
                    return XCTFail("\(what)[\(i), \(j)] = \(got[i * columns + j]), exact \(exact), bound \(bound)")
                }
            }
        }
    }
}
