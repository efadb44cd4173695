import Foundation

extension Tape {
    /// Scaled dot-product attention of `G = B · heads` heads at once, as one op:
    /// S = alpha · Q·Kᵀ + mask, P = softmax(S), P' = dropout(P, p), output P'·V.
    ///
    /// `q`, `k`, `v` are `[G, T, d]`; `additiveMask` (a constant) is `[B, T]`, example b's row added to
    /// the scores of its G/B heads (BERT: 0 on real keys, −10000 on padding). Dropout draws from `rng`
    /// exactly as ``dropout(_:p:using:)`` would on P (`p == 0` draws nothing). Only P and the keep
    /// decisions (one byte each) are held for backward: the scores and P' are never stored.
    ///
    /// Backward, per head: dV = P'ᵀ·dC, dP' = dC·Vᵀ, dP = dP' ⊙ keep/(1−p),
    /// dS = P ⊙ (dP − rowsum(dP ⊙ P)), dQ = alpha · dS·K, dK = alpha · dSᵀ·Q.
    public func attention<R: RandomNumberGenerator>(q: Tensor, k: Tensor, v: Tensor, additiveMask: Tensor, alpha: Float,
                                                    dropout p: Float, using rng: inout R) throws -> Tensor {
        guard q.shape.count == 3, k.shape == q.shape, v.shape == q.shape else {
            throw TensorError.shapeMismatch(op: "attention", expected: "q, k, v all [G, T, d]", got: q.shape + k.shape + v.shape)
        }
        let (groups, t, d) = (q.shape[0], q.shape[1], q.shape[2])
        guard additiveMask.shape.count == 2, additiveMask.shape[1] == t, additiveMask.shape[0] > 0, groups % additiveMask.shape[0] == 0 else {
            throw TensorError.shapeMismatch(op: "attention", expected: "mask [B, \(t)] with B dividing \(groups)", got: additiveMask.shape)
        }
        guard p >= 0, p < 1 else { throw TensorError.invalidArgument(op: "attention", message: "dropout p must be in [0, 1), got \(p)") }
        let headsPerExample = groups / additiveMask.shape[0], tt = t * t, td = t * d, work = t * t * d
        let keepScale = 1 / (1 - p)

        var probabilities = [Float](repeating: 0, count: groups * tt)
        probabilities.withUnsafeMutableBufferPointer { pp in
            q.values.withUnsafeBufferPointer { pq in k.values.withUnsafeBufferPointer { pk in
                forEachGroup(groups, work: work) { g in
                    sgemm(false, true, m: t, n: t, k: d, alpha: alpha, a: pq.baseAddress! + g * td, lda: d,
                          b: pk.baseAddress! + g * td, ldb: d, beta: 0, c: pp.baseAddress! + g * tt, ldc: t)
                }
            } }
            additiveMask.values.withUnsafeBufferPointer { pm in
                parallelRows(groups * t, width: t) { rows in
                    for r in rows { softmaxRow(pp.baseAddress! + r * t, width: t, mask: pm.baseAddress! + (r / t / headsPerExample) * t) }
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

        let out = [Float](unsafeUninitializedCapacity: groups * td) { po, initialized in
            probabilities.withUnsafeBufferPointer { pp in keep.withUnsafeBufferPointer { pk in v.values.withUnsafeBufferPointer { pv in
                forEachGroup(groups, work: work) { g in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: tt) { scratch in
                        let dropped = droppedProbabilities(g, pp, pk, scratch.baseAddress!)
                        sgemm(false, false, m: t, n: d, k: t, alpha: 1, a: dropped, lda: t, b: pv.baseAddress! + g * td, ldb: d,
                              beta: 0, c: po.baseAddress! + g * td, ldc: d)
                    }
                }
            } } }
            initialized = groups * td
        }
        let result = Tensor(unchecked: [groups, t, d], values: out, requiresGrad: anyNeedsGrad(q, k, v))
        let needQ = needsGrad(q), needK = needsGrad(k), needV = needsGrad(v)
        record(result) { grad in
            withGradient(of: q, if: needQ) { dq in withGradient(of: k, if: needK) { dk in withGradient(of: v, if: needV) { dv in
                probabilities.withUnsafeBufferPointer { pp in keep.withUnsafeBufferPointer { pk in grad.withUnsafeBufferPointer { pg in
                q.values.withUnsafeBufferPointer { pq in k.values.withUnsafeBufferPointer { pkey in v.values.withUnsafeBufferPointer { pv in
                    forEachGroup(groups, work: work) { g in
                        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * tt) { scratch in
                            let dC = pg.baseAddress! + g * td
                            if let dv {
                                let dropped = droppedProbabilities(g, pp, pk, scratch.baseAddress!)
                                sgemm(true, false, m: t, n: d, k: t, alpha: 1, a: dropped, lda: t, b: dC, ldb: d, beta: 1, c: dv + g * td, ldc: d)
                            }
                            guard dq != nil || dk != nil else { return }
                            let dS = scratch.baseAddress! + tt
                            sgemm(false, true, m: t, n: t, k: d, alpha: 1, a: dC, lda: d, b: pv.baseAddress! + g * td, ldb: d, beta: 0, c: dS, ldc: t)
                            if p > 0 { scaleKept(dS, keep: pk.baseAddress! + g * tt, scale: keepScale, count: tt, into: dS) }
                            for row in 0..<t {
                                softmaxBackwardRow(dS + row * t, probabilities: pp.baseAddress! + g * tt + row * t, width: t,
                                                   into: dS + row * t, accumulate: false)
                            }
                            if let dq {
                                sgemm(false, false, m: t, n: d, k: t, alpha: alpha, a: dS, lda: t, b: pkey.baseAddress! + g * td, ldb: d,
                                      beta: 1, c: dq + g * td, ldc: d)
                            }
                            if let dk {
                                sgemm(true, false, m: t, n: d, k: t, alpha: alpha, a: dS, lda: t, b: pq.baseAddress! + g * td, ldb: d,
                                      beta: 1, c: dk + g * td, ldc: d)
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
