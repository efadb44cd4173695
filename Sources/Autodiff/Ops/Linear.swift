import CBLAS

extension Tape {
    /// A dense layer `x · Wᵀ + b` as one op, PyTorch's `addmm`: the output rows start as copies of
    /// the bias and the product is added to them (β = 1), so the bias costs no pass of its own.
    /// `x` is `[..., K]`, `weight` `[N, K]`, `bias` `[N]`; the result is `[..., N]`.
    /// Backward: dx = g · W, dW = gᵀ · x, db = gᵀ · 1 (column sums of g).
    public func linear(_ x: Tensor, weight: Tensor, bias: Tensor) throws -> Tensor {
        guard x.shape.count >= 2, weight.shape.count == 2, x.shape.last == weight.shape[1], bias.shape == [weight.shape[0]] else {
            throw TensorError.shapeMismatch(op: "linear", expected: "x [..., K], weight [N, K], bias [N]",
                                            got: x.shape + weight.shape + bias.shape)
        }
        let (n, k) = (weight.shape[0], weight.shape[1]), rows = x.count / k
        let out = [Float](unsafeUninitializedCapacity: rows * n) { po, initialized in
            x.values.withUnsafeBufferPointer { px in
                weight.values.withUnsafeBufferPointer { pw in
                    bias.values.withUnsafeBufferPointer { pb in
                        sgemm(false, true, m: rows, n: n, k: k, alpha: 1, a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: k,
                              beta: 0, c: po.baseAddress!, ldc: n, bias: pb.baseAddress!)
                    }
                }
            }
            initialized = rows * n
        }
        let result = Tensor(unchecked: Array(x.shape.dropLast()) + [n], values: out, requiresGrad: anyNeedsGrad(x, weight, bias))
        let needX = needsGrad(x), needWeight = needsGrad(weight), needBias = needsGrad(bias)
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                x.values.withUnsafeBufferPointer { px in
                    weight.values.withUnsafeBufferPointer { pw in
                        func backward(dx: UnsafeMutablePointer<Float>?, dWeight: UnsafeMutablePointer<Float>?) {
                            sgemmBackward(false, true, m: rows, n: n, k: k, alpha: 1, a: px.baseAddress!, lda: k,
                                          b: pw.baseAddress!, ldb: k, g: pg.baseAddress!, da: dx, db: dWeight)
                        }
                        if needX { x.accumulateGrad { backward(dx: $0.baseAddress, dWeight: nil) } }
                        if needWeight { weight.accumulateGrad { backward(dx: nil, dWeight: $0.baseAddress) } }
                    }
                }
                if needBias {
                    let ones = [Float](repeating: 1, count: rows)
                    bias.accumulateGrad { db in
                        ones.withUnsafeBufferPointer { p1 in
                            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(n), 1, pg.baseAddress!, Int32(n),
                                        p1.baseAddress!, 1, 1, db.baseAddress!, 1)
                        }
                    }
                }
            }
        }
        return result
    }
}
