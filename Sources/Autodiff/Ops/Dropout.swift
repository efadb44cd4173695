extension Tape {
    /// Inverted dropout: each element is zeroed with probability `p` and the rest scaled by 1/(1−p),
    /// drawing from `rng`. With `p == 0` it returns `x` itself. Backward multiplies by the same mask.
    public func dropout<G: RandomNumberGenerator>(_ x: Tensor, p: Float, using rng: inout G) throws -> Tensor {
        guard p >= 0, p < 1 else { throw TensorError.invalidArgument(op: "dropout", message: "p must be in [0, 1), got \(p)") }
        if p == 0 { return x }
        let keep = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: x.count)
        for i in 0..<mask.count where Float.random(in: 0..<1, using: &rng) >= p { mask[i] = keep }
        var out = x.values
        out.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeBufferPointer { pm in for i in 0..<o.count { o[i] *= pm[i] } }
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                g.withUnsafeBufferPointer { pg in
                    mask.withUnsafeBufferPointer { pm in for i in 0..<dx.count { dx[i] += pg[i] * pm[i] } }
                }
            }
        }
        return result
    }
}
