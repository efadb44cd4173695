import Foundation

extension Tape {
    /// Layer normalisation over the last axis: `(x − mean) / sqrt(var + eps) · gamma + beta`, with the
    /// biased variance as in PyTorch. `gamma` and `beta` are `[D]`.
    /// Backward: with x̂ the normalised input and h = g ⊙ gamma,
    /// dx = rstd · (h − mean(h) − x̂ · mean(h ⊙ x̂)), dgamma = Σ g ⊙ x̂, dbeta = Σ g.
    public func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Float) throws -> Tensor {
        guard let d = x.shape.last, gamma.shape == [d], beta.shape == [d] else {
            throw TensorError.shapeMismatch(op: "layerNorm", expected: "gamma and beta [\(x.shape.last ?? 0)]",
                                            got: gamma.shape + beta.shape)
        }
        let rows = x.count / d
        var out = [Float](unsafeUninitializedCapacity: x.count) { _, initialized in initialized = x.count }   // every row written
        var normalized = [Float](unsafeUninitializedCapacity: x.count) { _, initialized in initialized = x.count }
        var rstd = [Float](unsafeUninitializedCapacity: rows) { _, initialized in initialized = rows }
        x.values.withUnsafeBufferPointer { px in gamma.values.withUnsafeBufferPointer { pg in beta.values.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { po in normalized.withUnsafeMutableBufferPointer { pn in rstd.withUnsafeMutableBufferPointer { ps in
                parallelRows(rows, width: d) { range in
                    normalizeRows(range, width: d, eps: eps, x: px, gamma: pg, beta: pb, out: po, normalized: pn, rstd: ps)
                }
            } } }
        } } }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x, gamma, beta))
        let needX = needsGrad(x), needGamma = needsGrad(gamma), needBeta = needsGrad(beta)
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                normalized.withUnsafeBufferPointer { pn in
                    if needGamma {
                        gamma.accumulateGrad { dg in
                            for r in 0..<rows { let base = r * d; for j in 0..<d { dg[j] += pg[base + j] * pn[base + j] } }
                        }
                    }
                    if needBeta {
                        beta.accumulateGrad { db in
                            for r in 0..<rows { let base = r * d; for j in 0..<d { db[j] += pg[base + j] } }
                        }
                    }
                    if needX {
                        gamma.values.withUnsafeBufferPointer { pgam in
                            x.accumulateGrad { dx in
                                rstd.withUnsafeBufferPointer { ps in
                                    parallelRows(rows, width: d) { range in
                                        normalizeRowsBackward(range, width: d, g: pg, gamma: pgam, normalized: pn, rstd: ps, dx: dx)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

/// LayerNorm's forward on rows `range` of width `width`: writes x̂, its reciprocal standard deviation
/// and the output `x̂ · gamma + beta` (sums in 16 lanes).
private func normalizeRows(_ range: Range<Int>, width d: Int, eps: Float, x px: UnsafeBufferPointer<Float>,
                           gamma pg: UnsafeBufferPointer<Float>, beta pb: UnsafeBufferPointer<Float>,
                           out: UnsafeMutableBufferPointer<Float>, normalized: UnsafeMutableBufferPointer<Float>,
                           rstd: UnsafeMutableBufferPointer<Float>) {
    for r in range {
        let row = px.baseAddress! + r * d
        let mean = laneSum(d) { i, valid in row.lanes(at: i, valid: valid) } / Float(d)
        let variance = laneSum(d) { i, valid in
            let centered = (row.lanes(at: i, valid: valid) - mean).zeroingLanes(from: valid)
            return centered * centered
        } / Float(d)
        let s = 1 / sqrtf(variance + eps)
        rstd[r] = s
        for j in 0..<d {
            let n = (row[j] - mean) * s
            normalized[r * d + j] = n
            out[r * d + j] = n * pg[j] + pb[j]
        }
    }
}

/// LayerNorm's input gradient on rows `range`: with h = g ⊙ gamma,
/// dx += rstd · (h − mean(h) − x̂ · mean(h ⊙ x̂)) (sums in 16 lanes).
private func normalizeRowsBackward(_ range: Range<Int>, width d: Int, g pg: UnsafeBufferPointer<Float>,
                                   gamma: UnsafeBufferPointer<Float>, normalized pn: UnsafeBufferPointer<Float>,
                                   rstd: UnsafeBufferPointer<Float>, dx: UnsafeMutableBufferPointer<Float>) {
    let pgamma = gamma.baseAddress!
    for r in range {
        let g = pg.baseAddress! + r * d, n = pn.baseAddress! + r * d
        let meanH = laneSum(d) { i, valid in g.lanes(at: i, valid: valid) * pgamma.lanes(at: i, valid: valid) } / Float(d)
        let meanHX = laneSum(d) { i, valid in
            g.lanes(at: i, valid: valid) * pgamma.lanes(at: i, valid: valid) * n.lanes(at: i, valid: valid)
        } / Float(d)
        let s = rstd[r]
        for j in 0..<d {
            dx[r * d + j] += s * (g[j] * pgamma[j] - meanH - n[j] * meanHX)
        }
    }
}
