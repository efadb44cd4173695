import Foundation

/// erf(x) by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, about Float32's resolution
/// near 1), several times faster than libm's `erff`.
@inline(__always)
func fastErf(_ x: Float) -> Float {
    let a = abs(x)
    let t = 1 / (1 + 0.3275911 * a)
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    let y = 1 - poly * expf(-a * a)
    return x < 0 ? -y : y
}

extension Tape {
    /// GELU in BERT's exact (erf) form: `x · Φ(x) = x/2 · (1 + erf(x/√2))`.
    /// Backward: d/dx = Φ(x) + x · φ(x), with φ the standard normal density.
    public func gelu(_ x: Tensor) -> Tensor {
        let sqrtHalf: Float = 0.70710678118654752, invSqrt2Pi: Float = 0.3989422804014327
        let out = [Float](unsafeUninitializedCapacity: x.count) { po, initialized in
            x.values.withUnsafeBufferPointer { px in
                parallelRanges(px.count) { range in
                    for i in range { let v = px[i]; po[i] = 0.5 * v * (1 + fastErf(v * sqrtHalf)) }
                }
            }
            initialized = x.count
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                x.values.withUnsafeBufferPointer { px in
                    g.withUnsafeBufferPointer { pg in
                        parallelRanges(dx.count) { range in
                            for i in range {
                                let v = px[i]
                                let cdf = 0.5 * (1 + fastErf(v * sqrtHalf))
                                dx[i] += pg[i] * (cdf + v * invSqrt2Pi * expf(-0.5 * v * v))
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Hyperbolic tangent. Backward: d/dx = 1 − tanh².
    public func tanh(_ x: Tensor) -> Tensor {
        var out = [Float](repeating: 0, count: x.count)
        x.values.withUnsafeBufferPointer { px in for i in 0..<px.count { out[i] = tanhf(px[i]) } }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                result.values.withUnsafeBufferPointer { py in
                    g.withUnsafeBufferPointer { pg in for i in 0..<dx.count { dx[i] += pg[i] * (1 - py[i] * py[i]) } }
                }
            }
        }
        return result
    }
}
