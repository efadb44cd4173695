/// bf16 values as their 16-bit patterns: the upper half of an fp32 value, rounded.

/// `x` rounded to the nearest bf16 value, ties to even (as PyTorch's and oneDNN's conversions);
/// NaN stays a (quiet) NaN, infinities stay infinities, values past bf16's range become infinities.
/// Integer arithmetic only, without a branch or a select, so that loops over it vectorise.
@inline(__always)
func bf16Bits(_ x: Float) -> UInt16 {
    let bits = x.bitPattern
    let isNaN = ((bits & 0x7FFF_FFFF) &+ 0x007F_FFFF) >> 31   // 1 when the magnitude is above infinity's
    let roundingBias = (0x7FFF &+ ((bits >> 16) & 1)) &* (1 &- isNaN)   // NaN: truncated, then made quiet
    return UInt16(truncatingIfNeeded: ((bits &+ roundingBias) >> 16) | (isNaN << 6))
}

/// The fp32 value of a bf16 pattern (exact).
@inline(__always)
func floatFromBF16(_ bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
}

/// `values` rounded to bf16 (``bf16Bits(_:)``), split over the compute threads.
func bf16Copy(_ values: UnsafeBufferPointer<Float>) -> [UInt16] {
    [UInt16](unsafeUninitializedCapacity: values.count) { out, initialized in
        // Plain pointers in locals: through the captured buffer the loop reloaded its base every
        // element and did not vectorise.
        guard let source = values.baseAddress, let target = out.baseAddress else { initialized = 0; return }
        parallelRanges(values.count) { range in
            for i in range { target[i] = bf16Bits(source[i]) }
        }
        initialized = values.count
    }
}
