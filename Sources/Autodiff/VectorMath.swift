/// Elementwise math on 16 floats at a time, for the activation and softmax loops: scalar `expf`
/// calls were a tenth of a training step.

/// Sixteen floats, the width the activation loops work in.
typealias Float16Lanes = SIMD16<Float>

/// eˣ for each lane (Cody–Waite range reduction x = n·ln 2 + r, then a degree-6 polynomial for eʳ,
/// Cephes `expf`'s; within 4 ulp of libm, tested). Lanes below −87.3 give 0 (libm: a subnormal or 0),
/// above 88.7 a value near Float's largest.
@inline(__always)
func vectorExp(_ x: Float16Lanes) -> Float16Lanes {
    let low = Float16Lanes(repeating: -87.3), high = Float16Lanes(repeating: 88.7)
    let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    // Round x·log₂e to the nearest integer by adding 1.5·2²³: the sum's low mantissa bits hold n.
    let shifter = Float16Lanes(repeating: 12_582_912)
    let shifted = clamped * 1.442_695_04 + shifter
    let n = shifted - shifter
    let r = clamped - n * 0.693_359_375 - n * -2.121_944_40e-4
    var p = Float16Lanes(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_91e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    let er = p * (r * r) + r + 1
    // 2ⁿ built from its bits: the exponent field n + 127.
    let nBits = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(shifter, to: SIMD16<Int32>.self)
    let twoToN = unsafeBitCast((nBits &+ 127) &<< 23, to: Float16Lanes.self)
    return (er * twoToN).replacing(with: 0, where: x .< low)
}

/// Φ(x) and e^(−x²/2) for each lane: the standard normal distribution function by Abramowitz &
/// Stegun 7.1.26 for erf (absolute error below 1.5e-7), and the exponential it uses, which GELU's
/// derivative needs too.
@inline(__always)
func vectorNormalCDF(_ x: Float16Lanes) -> (cdf: Float16Lanes, gaussian: Float16Lanes) {
    let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
    let magnitude = unsafeBitCast(bits & 0x7fff_ffff, to: Float16Lanes.self)
    let a = magnitude * 0.707_106_781   // |x|/√2
    let t = 1 / (1 + 0.327_591_1 * a)
    var poly = Float16Lanes(repeating: 1.061_405_429)
    poly = poly * t - 1.453_152_027
    poly = poly * t + 1.421_413_741
    poly = poly * t - 0.284_496_736
    poly = poly * t + 0.254_829_592
    poly = poly * t
    let gaussian = vectorExp(-(a * a))
    let erfAbs = 1 - poly * gaussian
    let erf = unsafeBitCast(unsafeBitCast(erfAbs, to: SIMD16<UInt32>.self) | (bits & 0x8000_0000), to: Float16Lanes.self)
    return (0.5 * (1 + erf), gaussian)
}

/// Calls `body(offset, valid)` for each run of 16 elements of `0..<count`; the last run has
/// `valid` < 16 when `count` is not a multiple of 16.
@inline(__always)
func forEachLanes(_ count: Int, _ body: (Int, Int) -> Void) {
    var i = 0
    while i < count {
        body(i, min(16, count - i))
        i += 16
    }
}

/// Σ over `0..<count` of the 16-lane `term(offset, valid)` (lanes past `valid` must be zero).
@inline(__always)
func laneSum(_ count: Int, _ term: (Int, Int) -> Float16Lanes) -> Float {
    var total = Float16Lanes()
    forEachLanes(count) { i, valid in total += term(i, valid) }
    return total.sum()
}

extension UnsafePointer where Pointee == Float {
    /// Sixteen floats from `self + offset`, the ones past `valid` read as `padding`.
    @inline(__always)
    func lanes(at offset: Int, valid: Int, padding: Float = 0) -> Float16Lanes {
        if valid == 16 { return UnsafeRawPointer(self + offset).loadUnaligned(as: Float16Lanes.self) }
        var v = Float16Lanes(repeating: padding)
        for j in 0..<valid { v[j] = self[offset + j] }
        return v
    }
}

extension Float16Lanes {
    /// These lanes with the ones from `valid` on set to zero.
    @inline(__always)
    func zeroingLanes(from valid: Int) -> Float16Lanes {
        guard valid < 16 else { return self }
        var v = self
        for j in valid..<16 { v[j] = 0 }
        return v
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// Writes the first `valid` lanes of `v` at `self + offset`.
    @inline(__always)
    func store(_ v: Float16Lanes, at offset: Int, valid: Int) {
        if valid == 16 { UnsafeMutableRawPointer(self + offset).storeBytes(of: v, as: Float16Lanes.self); return }
        for j in 0..<valid { self[offset + j] = v[j] }
    }
}

/// Dropout's mask applied: `out[i] = keep[i] != 0 ? x[i] · scale : 0` for `i` in `0..<count` (the
/// mask held as one byte per element). A branch-free loop over pointers, which the compiler turns
/// into 16-lane selects. `out` may be `x`.
@inline(__always)
func scaleKept(_ x: UnsafePointer<Float>, keep: UnsafePointer<UInt8>, scale: Float, count: Int, into out: UnsafeMutablePointer<Float>) {
    for i in 0..<count { out[i] = keep[i] != 0 ? x[i] * scale : 0 }
}
