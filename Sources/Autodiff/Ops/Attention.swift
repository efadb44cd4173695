import Foundation

extension Tape {
    /// Scaled dot-product attention of every head of a batch at once, as one op: for each example b
    /// and head h, S = alpha · Q·Kᵀ + mask, P = softmax(S), P' = dropout(P, p), output P'·V.
    ///
    /// `q`, `k`, `v` are `[B, T, heads · d]`, the projections' outputs as they come: head h is columns
    /// h·d..<(h+1)·d of every row. The result has the same layout (the heads' outputs side by side,
    /// ready for the output projection), so heads are never copied apart or back together: each
    /// head's products read and write its columns in place. `additiveMask` (a constant) is `[B, T]`,
    /// example b's row added to the scores of its heads (BERT: 0 on real keys, −10000 on padding).
    /// Dropout draws from `rng` exactly as ``dropout(_:p:using:)`` would on P laid out `[B, heads,
    /// T, T]` (`p == 0` draws nothing). Only P and the keep decisions (one byte each) are held for
    /// backward: the scores and P' are never stored.
    ///
    /// Backward, per head: dV = P'ᵀ·dC, dP' = dC·Vᵀ, dP = dP' ⊙ keep/(1−p),
    /// dS = P ⊙ (dP − rowsum(dP ⊙ P)), dQ = alpha · dS·K, dK = alpha · dSᵀ·Q.
    public func attention(q: Tensor, k: Tensor, v: Tensor, heads: Int, additiveMask: Tensor,
                          alpha: Float, dropout p: Float, using rng: inout SeededRNG) throws -> Tensor {
        guard q.shape.count == 3, k.shape == q.shape, v.shape == q.shape, heads > 0, q.shape[2] % heads == 0 else {
            throw TensorError.shapeMismatch(op: "attention", expected: "q, k, v all [B, T, heads · d] (heads \(heads))",
                                            got: q.shape + k.shape + v.shape)
        }
        let (batch, t, width) = (q.shape[0], q.shape[1], q.shape[2])
        guard additiveMask.shape == [batch, t] else {
            throw TensorError.shapeMismatch(op: "attention", expected: "mask [\(batch), \(t)]", got: additiveMask.shape)
        }
        guard p >= 0, p < 1 else { throw TensorError.invalidArgument(op: "attention", message: "dropout p must be in [0, 1), got \(p)") }
        let groups = batch * heads, d = width / heads, tt = t * t, work = t * t * d
        let keepScale = 1 / (1 - p)
        /// Where head g (example g / heads, head g % heads) starts in q, k, v, the result and their
        /// gradients; its rows lie `width` apart.
        func head(_ g: Int) -> Int { (g / heads) * t * width + (g % heads) * d }

        var probabilities = [Float](repeating: 0, count: groups * tt)
        probabilities.withUnsafeMutableBufferPointer { pp in
            q.values.withUnsafeBufferPointer { pq in k.values.withUnsafeBufferPointer { pk in
                forEachGroup(groups, work: work) { g in
                    sgemm(false, true, m: t, n: t, k: d, alpha: alpha, a: pq.baseAddress! + head(g), lda: width,
                          b: pk.baseAddress! + head(g), ldb: width, beta: 0, c: pp.baseAddress! + g * tt, ldc: t)
                }
            } }
            additiveMask.values.withUnsafeBufferPointer { pm in
                parallelRows(groups * t, width: t) { rows in
                    for r in rows { softmaxRow(pp.baseAddress! + r * t, width: t, mask: pm.baseAddress! + (r / t / heads) * t) }
                }
            }
        }
        var keep: [UInt8] = []
        if p > 0 {
            keep = [UInt8](repeating: 0, count: groups * tt)
            keep.withUnsafeMutableBufferPointer { pk in drawDropoutKeeps(count: pk.count, p: p, using: &rng) { pk[$0] = 1 } }
        }

        /// Writes head g's P' (P itself without dropout) into `scratch` and returns where it is.
        func droppedProbabilities(_ g: Int, _ pp: UnsafeBufferPointer<Float>, _ pk: UnsafeBufferPointer<UInt8>,
                                  _ scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
            let base = pp.baseAddress! + g * tt
            guard p > 0 else { return base }
            scaleKept(base, keep: pk.baseAddress! + g * tt, scale: keepScale, count: tt, into: scratch)
            return UnsafePointer(scratch)
        }

        let out = [Float](unsafeUninitializedCapacity: batch * t * width) { po, initialized in
            probabilities.withUnsafeBufferPointer { pp in keep.withUnsafeBufferPointer { pk in v.values.withUnsafeBufferPointer { pv in
                forEachGroup(groups, work: work) { g in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: tt) { scratch in
                        let dropped = droppedProbabilities(g, pp, pk, scratch.baseAddress!)
                        sgemm(false, false, m: t, n: d, k: t, alpha: 1, a: dropped, lda: t, b: pv.baseAddress! + head(g), ldb: width,
                              beta: 0, c: po.baseAddress! + head(g), ldc: width)
                    }
                }
            } } }
            initialized = batch * t * width
        }
        let result = Tensor(unchecked: q.shape, values: out, requiresGrad: anyNeedsGrad(q, k, v))
        let needQ = needsGrad(q), needK = needsGrad(k), needV = needsGrad(v)
        record(result) { grad in
            withGradient(of: q, if: needQ) { dq in withGradient(of: k, if: needK) { dk in withGradient(of: v, if: needV) { dv in
                probabilities.withUnsafeBufferPointer { pp in keep.withUnsafeBufferPointer { pk in grad.withUnsafeBufferPointer { pg in
                q.values.withUnsafeBufferPointer { pq in k.values.withUnsafeBufferPointer { pkey in v.values.withUnsafeBufferPointer { pv in
                    forEachGroup(groups, work: work) { g in
                        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * tt) { scratch in
                            let dC = pg.baseAddress! + head(g)
                            if let dv {
                                let dropped = droppedProbabilities(g, pp, pk, scratch.baseAddress!)
                                sgemm(true, false, m: t, n: d, k: t, alpha: 1, a: dropped, lda: t, b: dC, ldb: width, beta: 1, c: dv + head(g), ldc: width)
                            }
                            guard dq != nil || dk != nil else { return }
                            let dS = scratch.baseAddress! + tt
                            sgemm(false, true, m: t, n: t, k: d, alpha: 1, a: dC, lda: width, b: pv.baseAddress! + head(g), ldb: width, beta: 0, c: dS, ldc: t)
                            if p > 0 { scaleKept(dS, keep: pk.baseAddress! + g * tt, scale: keepScale, count: tt, into: dS) }
                            for row in 0..<t {
                                softmaxBackwardRow(dS + row * t, probabilities: pp.baseAddress! + g * tt + row * t, width: t,
                                                   into: dS + row * t, accumulate: false)
                            }
                            if let dq {
                                sgemm(false, false, m: t, n: d, k: t, alpha: alpha, a: dS, lda: t, b: pkey.baseAddress! + head(g), ldb: width,
                                      beta: 1, c: dq + head(g), ldc: width)
                            }
                            if let dk {
                                sgemm(true, false, m: t, n: d, k: t, alpha: alpha, a: dS, lda: t, b: pq.baseAddress! + head(g), ldb: width,
                                      beta: 1, c: dk + head(g), ldc: width)
                            }
                        }
                    }
                } } }
                } } }
            } } }
        }
        return result
    }
}

/// Runs `body` with `x`'s gradient buffer (allocated on first use) when `needed`, else with nil.
private func withGradient(of x: Tensor, if needed: Bool, _ body: (UnsafeMutablePointer<Float>?) -> Void) {
    if needed { x.accumulateGrad { body($0.baseAddress!) } } else { body(nil) }
}
