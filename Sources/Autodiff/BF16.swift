/// bf16 values as their 16-bit patterns: the upper half of an fp32 value, rounded.

/// `x` rounded to the nearest bf16 value, ties to even (as PyTorch's and oneDNN's conversions);
/// NaN stays a (quiet) NaN, infinities stay infinities, values past bf16's range become infinities.
@inline(__always)
func bf16Bits(_ x: Float) -> UInt16 {
    let bits = x.bitPattern
    let rounded = UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
    return x.isNaN ? UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 : rounded
}

/// The fp32 value of a bf16 pattern (exact).
@inline(__always)
func floatFromBF16(_ bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
}

/// `values` rounded to bf16 (``bf16Bits(_:)``), split over the compute threads.
func bf16Copy(_ values: UnsafeBufferPointer<Float>) -> [UInt16] {
    [UInt16](unsafeUninitializedCapacity: values.count) { out, initialized in
        parallelRanges(values.count) { range in
            for i in range { out[i] = bf16Bits(values[i]) }
        }
        initialized = values.count
    }
}
