import CBLAS
import Dispatch

/// Products smaller than this many multiply-adds run on one thread: below it, handing half to
/// another thread costs more than it saves (attention's per-head products are far below it).
private let multiThreadMinimumWork = 1 << 21
/// Where a product is split between threads: at multiples of this many rows or columns of C.
private let splitAlignment = 32

/// OpenBLAS runs single-threaded: the compute threads are ours (Dispatch), and a large product is
/// split between them. OpenBLAS's own workers spun in `sched_yield` whenever the other core ran
/// elementwise work, and split the products of a BERT step less well than halves of C do.
private let blasRunsSingleThreaded: Void = {
    _ = computeThreads   // read OpenBLAS's count (the user's OPENBLAS_NUM_THREADS) before setting it to 1
    openblas_set_num_threads(1)
}()

/// Runs `body` for each of `groups` independent products of `work` multiply-adds each. Small
/// products (attention's per-head ones) are spread over the compute threads; large ones run one
/// after another, each split between the threads by `sgemm`.
func forEachGroup(_ groups: Int, work: Int, _ body: (Int) -> Void) {
    guard work < multiThreadMinimumWork, groups > 1, computeThreads > 1 else {
        for g in 0..<groups { body(g) }
        return
    }
    parallelRanges(groups, minimumPerThread: 1) { range in for g in range { body(g) } }
}

/// `C = alpha · op(A) · op(B) + beta · C` on row-major buffers through single-threaded
/// `cblas_sgemm` calls, plus `bias` (N values, with β = 0 only) added to every row of C when given:
/// the rows start as copies of the bias and the product is added to them. A product of at least
/// 2²¹ multiply-adds is split into one block of C per compute thread (along C's longer side), each
/// computed in parallel; a smaller one is a single call.
func sgemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
           a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
           beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil) {
    precondition(bias == nil || beta == 0, "sgemm: a bias replaces C (β = 0)")
    _ = blasRunsSingleThreaded
    if let bias {
        parallelRows(m, width: n) { rows in for r in rows { (c + r * ldc).update(from: bias, count: n) } }
    }
    let beta = bias == nil ? beta : 1
    func product(m: Int, n: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    let splitRows = m >= n, extent = splitRows ? m : n
    let blocks = (extent + splitAlignment - 1) / splitAlignment
    let parts = m * n * k >= multiThreadMinimumWork ? min(computeThreads, blocks) : 1
    guard parts > 1 else { product(m: m, n: n, a: a, b: b, c: c); return }
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        let lower = min(extent, blocks * part / parts * splitAlignment)
        let upper = min(extent, blocks * (part + 1) / parts * splitAlignment)
        guard upper > lower else { return }
        if splitRows {   // rows lower..<upper of C: the same rows of op(A)
            product(m: upper - lower, n: n, a: a + (transA ? lower : lower * lda), b: b, c: c + lower * ldc)
        } else {         // columns lower..<upper of C: the same columns of op(B)
            product(m: m, n: upper - lower, a: a, b: b + (transB ? lower * ldb : lower), c: c + lower)
        }
    }
}

/// The gradients of one product C = alpha · op(A) · op(B) (shapes as in `sgemm`), added into `da`
/// and `db` when given: dA = alpha · dC · op(B)ᵀ (or alpha · op(B) · dCᵀ when A is transposed),
/// dB = alpha · op(A)ᵀ · dC (or alpha · dCᵀ · op(A) when B is transposed).
@inline(__always)
func sgemmBackward(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                   a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, g: UnsafePointer<Float>,
                   da: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?) {
    if let da {
        if transA {
            sgemm(transB, true, m: k, n: m, k: n, alpha: alpha, a: b, lda: ldb, b: g, ldb: n, beta: 1, c: da, ldc: m)
        } else {
            sgemm(false, !transB, m: m, n: k, k: n, alpha: alpha, a: g, lda: n, b: b, ldb: ldb, beta: 1, c: da, ldc: k)
        }
    }
    if let db {
        if transB {
            sgemm(true, transA, m: n, n: k, k: m, alpha: alpha, a: g, lda: n, b: a, ldb: lda, beta: 1, c: db, ldc: k)
        } else {
            sgemm(!transA, false, m: k, n: n, k: m, alpha: alpha, a: a, lda: lda, b: g, ldb: n, beta: 1, c: db, ldc: n)
        }
    }
}

extension Tape {
    /// Matrix product `alpha · op(a) · op(b)`.
    ///
    /// Without `transposeA`, `a` may have any rank ≥ 2: its leading axes are flattened into rows
    /// (`[..., M, K]`), and the result has shape `a.shape.dropLast() + [N]`. With `transposeA`, `a` is
    /// `[K, M]`. `b` is `[K, N]`, or `[N, K]` with `transposeB` (a PyTorch Linear weight).
    /// Backward: dA = dC·op(B)ᵀ (or op(B)·dCᵀ when transposed), dB = op(A)ᵀ·dC (or dCᵀ·op(A)).
    public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                       alpha: Float = 1) throws -> Tensor {
        guard a.shape.count >= 2, b.shape.count == 2, !(transposeA && a.shape.count != 2) else {
            throw TensorError.shapeMismatch(op: "matmul", expected: "a: [..., M, K] (2-D if transposed), b: 2-D",
                                            got: a.shape + b.shape)
        }
        let aRows = a.count / a.shape.last!
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (aRows, a.shape.last!)
        let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == kb else {
            throw TensorError.shapeMismatch(op: "matmul", expected: "inner dimensions equal (\(k))", got: b.shape)
        }
        let outShape = transposeA ? [m, n] : Array(a.shape.dropLast()) + [n]
        let lda = a.shape.last!, ldb = b.shape[1]
        var out = [Float](unsafeUninitializedCapacity: m * n) { _, initialized in initialized = m * n }  // sgemm writes all (beta 0)
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    sgemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress!, lda: lda,
                          b: pb.baseAddress!, ldb: ldb, beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        let result = Tensor(unchecked: outShape, values: out, requiresGrad: anyNeedsGrad(a, b))
        let needA = needsGrad(a), needB = needsGrad(b)
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                a.values.withUnsafeBufferPointer { pa in
                    b.values.withUnsafeBufferPointer { pb in
                        func backward(da: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?) {
                            sgemmBackward(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress!, lda: lda,
                                          b: pb.baseAddress!, ldb: ldb, g: pg.baseAddress!, da: da, db: db)
                        }
                        if needA { a.accumulateGrad { backward(da: $0.baseAddress, db: nil) } }
                        if needB { b.accumulateGrad { backward(da: nil, db: $0.baseAddress) } }
                    }
                }
            }
        }
        return result
    }

    /// Batched matrix product over the leading axis: `a` is `[G, M, K]` (`[G, K, M]` with
    /// `transposeA`), `b` is `[G, K, N]` (`[G, N, K]` with `transposeB`); the result is `[G, M, N]`.
    /// Each of the G products is one `cblas_sgemm`; backward mirrors ``matmul(_:_:transposeA:transposeB:alpha:)``.
    public func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                              alpha: Float = 1) throws -> Tensor {
        guard a.shape.count == 3, b.shape.count == 3, a.shape[0] == b.shape[0] else {
            throw TensorError.shapeMismatch(op: "batchedMatmul", expected: "a: [G, M, K], b: [G, K, N]", got: a.shape + b.shape)
        }
        let groups = a.shape[0]
        let (m, k) = transposeA ? (a.shape[2], a.shape[1]) : (a.shape[1], a.shape[2])
        let (kb, n) = transposeB ? (b.shape[2], b.shape[1]) : (b.shape[1], b.shape[2])
        guard k == kb else {
            throw TensorError.shapeMismatch(op: "batchedMatmul", expected: "inner dimensions equal (\(k))", got: b.shape)
        }
        let lda = a.shape[2], ldb = b.shape[2]
        let aStride = a.shape[1] * a.shape[2], bStride = b.shape[1] * b.shape[2], cStride = m * n
        var out = [Float](unsafeUninitializedCapacity: groups * cStride) { _, initialized in initialized = groups * cStride }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    forEachGroup(groups, work: m * n * k) { g in
                        sgemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress! + g * aStride,
                              lda: lda, b: pb.baseAddress! + g * bStride, ldb: ldb, beta: 0,
                              c: pc.baseAddress! + g * cStride, ldc: n)
                    }
                }
            }
        }
        let result = Tensor(unchecked: [groups, m, n], values: out, requiresGrad: anyNeedsGrad(a, b))
        let needA = needsGrad(a), needB = needsGrad(b)
        record(result) { grad in
            grad.withUnsafeBufferPointer { pg in
                a.values.withUnsafeBufferPointer { pa in
                    b.values.withUnsafeBufferPointer { pb in
                        func backward(da: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?) {
                            forEachGroup(groups, work: m * n * k) { g in
                                sgemmBackward(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha,
                                              a: pa.baseAddress! + g * aStride, lda: lda, b: pb.baseAddress! + g * bStride, ldb: ldb,
                                              g: pg.baseAddress! + g * cStride, da: da.map { $0 + g * aStride },
                                              db: db.map { $0 + g * bStride })
                            }
                        }
                        if needA { a.accumulateGrad { backward(da: $0.baseAddress, db: nil) } }
                        if needB { b.accumulateGrad { backward(da: nil, db: $0.baseAddress) } }
                    }
                }
            }
        }
        return result
    }
}
