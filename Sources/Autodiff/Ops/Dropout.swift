extension Tape {
    /// Inverted dropout: each element is zeroed with probability `p` and the rest scaled by 1/(1−p),
    /// drawing from `rng`. With `p == 0` it returns `x` itself. Backward multiplies by the same mask.
    public func dropout(_ x: Tensor, p: Float, using rng: inout SeededRNG) throws -> Tensor {
        guard p >= 0, p < 1 else { throw TensorError.invalidArgument(op: "dropout", message: "p must be in [0, 1), got \(p)") }
        if p == 0 { return x }
        let keep = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: x.count)
        mask.withUnsafeMutableBufferPointer { m in drawDropoutKeeps(count: m.count, p: p, using: &rng) { m[$0] = keep } }
        let out = [Float](unsafeUninitializedCapacity: x.count) { o, initialized in
            x.values.withUnsafeBufferPointer { px in
                mask.withUnsafeBufferPointer { pm in parallelRanges(o.count) { range in for i in range { o[i] = px[i] * pm[i] } } }
            }
            initialized = x.count
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                g.withUnsafeBufferPointer { pg in
                    mask.withUnsafeBufferPointer { pm in parallelRanges(dx.count) { range in for i in range { dx[i] += pg[i] * pm[i] } } }
                }
            }
        }
        return result
    }
}

/// Draws dropout's keep decisions for `count` elements in order, calling `kept` with each kept
/// index. Each 64-bit draw decides two elements: an element is dropped when its 32-bit half is
/// below p·2³². ``Tape/dropout(_:p:using:)`` and ``Tape/attention(q:k:v:heads:additiveMask:alpha:dropout:using:)``
/// share it, so both draw the same stream.
@inline(__always)
func drawDropoutKeeps(count: Int, p: Float, using rng: inout SeededRNG, _ kept: (Int) -> Void) {
    let threshold = UInt64((Double(p) * 4_294_967_296).rounded())
    var i = 0
    while i < count {
        let bits = rng.next()
        if bits & 0xFFFF_FFFF >= threshold { kept(i) }
        if i + 1 < count, bits >> 32 >= threshold { kept(i + 1) }
        i += 2
    }
}
