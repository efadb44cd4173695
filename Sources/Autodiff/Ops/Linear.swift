import CBLAS

extension Tape {
    /// A dense layer `x · Wᵀ + b` as one op, PyTorch's `addmm`: the output rows start as copies of
    /// the bias and the product is added to them (β = 1), so the bias costs no pass of its own.
    /// `x` is `[..., K]`, `weight` `[N, K]`, `bias` `[N]`; the result is `[..., N]`.
    /// Backward: dx = g · W, dW = gᵀ · x, db = gᵀ · 1 (column sums of g).
    ///
    /// With `precision` ``Precision/bf16`` the three products take x, W and g rounded to bf16 and
    /// accumulate in fp32 (``BF16Matmul``); the bias, its gradient and every output stay fp32.
    public func linear(_ x: Tensor, weight: Tensor, bias: Tensor, precision: Precision = .fp32) throws -> Tensor {
        guard x.shape.count >= 2, weight.shape.count == 2, x.shape.last == weight.shape[1], bias.shape == [weight.shape[0]] else {
            throw TensorError.shapeMismatch(op: "linear", expected: "x [..., K], weight [N, K], bias [N]",
                                            got: x.shape + weight.shape + bias.shape)
        }
        if precision == .bf16 { return try bf16Linear(x, weight: weight, bias: bias) }
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
        let needX = needsGrad(x), needWeight = needsGrad(weight)
        record(result) { [self] g in
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
            }
            accumulateBiasGradient(bias, from: g, rows: rows)
        }
        return result
    }

    /// ``linear(_:weight:bias:precision:)`` with bf16 products: x and W are rounded once in forward
    /// and kept for backward, g once in backward for both of its products.
    private func bf16Linear(_ x: Tensor, weight: Tensor, bias: Tensor) throws -> Tensor {
        guard let kernels = BF16Matmul.shared else { throw PrecisionError.unsupported(.bf16, reason: "oneDNN has no CPU engine") }
        let (n, k) = (weight.shape[0], weight.shape[1]), rows = x.count / k
        let x16 = x.values.withUnsafeBufferPointer(bf16Copy), weight16 = weight.values.withUnsafeBufferPointer(bf16Copy)
        let out = [Float](unsafeUninitializedCapacity: rows * n) { po, initialized in
            x16.withUnsafeBufferPointer { px in
                weight16.withUnsafeBufferPointer { pw in
                    bias.values.withUnsafeBufferPointer { pb in
                        kernels.multiply(false, true, m: rows, n: n, k: k, a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: k,
                                         accumulate: false, c: po.baseAddress!, ldc: n, bias: pb.baseAddress!)
                    }
                }
            }
            initialized = rows * n
        }
        let result = Tensor(unchecked: Array(x.shape.dropLast()) + [n], values: out, requiresGrad: anyNeedsGrad(x, weight, bias))
        let needX = needsGrad(x), needWeight = needsGrad(weight)
        record(result) { [self] g in
            if needX || needWeight {
                let g16 = g.withUnsafeBufferPointer(bf16Copy)
                g16.withUnsafeBufferPointer { pg in
                    if needX {   // dx [rows, K] += g [rows, N] · W [N, K]
                        x.accumulateGrad { dx in
                            weight16.withUnsafeBufferPointer { pw in
                                kernels.multiply(false, false, m: rows, n: k, k: n, a: pg.baseAddress!, lda: n, b: pw.baseAddress!,
                                                 ldb: k, accumulate: true, c: dx.baseAddress!, ldc: k)
                            }
                        }
                    }
                    if needWeight {   // dW [N, K] += gᵀ [N, rows] · x [rows, K]
                        weight.accumulateGrad { dw in
                            x16.withUnsafeBufferPointer { px in
                                kernels.multiply(true, false, m: n, n: k, k: rows, a: pg.baseAddress!, lda: n, b: px.baseAddress!,
                                                 ldb: k, accumulate: true, c: dw.baseAddress!, ldc: k)
                            }
                        }
                    }
                }
            }
            accumulateBiasGradient(bias, from: g, rows: rows)
        }
        return result
    }

    /// db += gᵀ · 1: the column sums of the output gradient `g` ([rows, N]), in fp32.
    private func accumulateBiasGradient(_ bias: Tensor, from g: [Float], rows: Int) {
        guard needsGrad(bias) else { return }
        let n = bias.count
        let ones = [Float](repeating: 1, count: rows)
        bias.accumulateGrad { db in
            g.withUnsafeBufferPointer { pg in
                ones.withUnsafeBufferPointer { p1 in
                    cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(n), 1, pg.baseAddress!, Int32(n),
                                p1.baseAddress!, 1, 1, db.baseAddress!, 1)
                }
            }
        }
    }
}
