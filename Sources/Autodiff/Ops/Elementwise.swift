extension Tape {
    /// Elementwise `a + b` (same shape). Backward passes the gradient to both.
    public func add(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape else {
            throw TensorError.shapeMismatch(op: "add", expected: "\(a.shape)", got: b.shape)
        }
        let out = [Float](unsafeUninitializedCapacity: a.count) { o, initialized in
            a.values.withUnsafeBufferPointer { pa in
                b.values.withUnsafeBufferPointer { pb in parallelRanges(o.count) { range in for i in range { o[i] = pa[i] + pb[i] } } }
            }
            initialized = a.count
        }
        let result = Tensor(unchecked: a.shape, values: out, requiresGrad: anyNeedsGrad(a, b))
        let needA = needsGrad(a), needB = needsGrad(b)
        record(result) { g in
            if needA { a.accumulateGrad(adding: g) }
            if needB { b.accumulateGrad(adding: g) }
        }
        return result
    }

    /// `x + bias`, with `bias` (shape `[D]`) broadcast over every row of `x` (`[..., D]`).
    /// Backward: dx = g, dbias = Σ over rows of g.
    public func addBias(_ x: Tensor, _ bias: Tensor) throws -> Tensor {
        guard bias.shape.count == 1, x.shape.last == bias.shape[0] else {
            throw TensorError.shapeMismatch(op: "addBias", expected: "bias [\(x.shape.last ?? 0)] for x \(x.shape)",
                                            got: bias.shape)
        }
        let d = bias.count, rows = x.count / max(d, 1)
        var out = x.values
        out.withUnsafeMutableBufferPointer { o in
            bias.values.withUnsafeBufferPointer { pb in
                parallelRows(rows, width: d) { rowRange in
                    for r in rowRange { let base = r * d; for j in 0..<d { o[base + j] += pb[j] } }
                }
            }
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x, bias))
        let needX = needsGrad(x), needBias = needsGrad(bias)
        record(result) { g in
            if needX { x.accumulateGrad(adding: g) }
            if needBias {
                bias.accumulateGrad { db in
                    g.withUnsafeBufferPointer { pg in
                        for r in 0..<rows { let base = r * d; for j in 0..<d { db[j] += pg[base + j] } }
                    }
                }
            }
        }
        return result
    }

    /// `c · x`. Backward: dx = c · g.
    public func scale(_ x: Tensor, _ c: Float) -> Tensor {
        var out = x.values
        out.withUnsafeMutableBufferPointer { o in for i in 0..<o.count { o[i] *= c } }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in g.withUnsafeBufferPointer { pg in for i in 0..<dx.count { dx[i] += c * pg[i] } } }
        }
        return result
    }

    /// Elementwise product `a ⊙ b` (same shape). Backward: da = g ⊙ b, db = g ⊙ a.
    public func multiply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape else {
            throw TensorError.shapeMismatch(op: "multiply", expected: "\(a.shape)", got: b.shape)
        }
        var out = a.values
        out.withUnsafeMutableBufferPointer { o in
            b.values.withUnsafeBufferPointer { pb in for i in 0..<o.count { o[i] *= pb[i] } }
        }
        let result = Tensor(unchecked: a.shape, values: out, requiresGrad: anyNeedsGrad(a, b))
        let needA = needsGrad(a), needB = needsGrad(b)
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                if needA { a.accumulateGrad { da in b.values.withUnsafeBufferPointer { pb in
                    for i in 0..<da.count { da[i] += pg[i] * pb[i] } } } }
                if needB { b.accumulateGrad { db in a.values.withUnsafeBufferPointer { pa in
                    for i in 0..<db.count { db[i] += pg[i] * pa[i] } } } }
            }
        }
        return result
    }

    /// Mixup of two tensors of one shape: `λ·a + (1−λ)·b`, with one λ for everything (`lambdas.count
    /// == 1`) or one per example along the first axis (`lambdas.count == a.shape[0]`). λ is a constant.
    /// Backward: da = λ·g, db = (1−λ)·g.
    public func mix(_ a: Tensor, _ b: Tensor, lambdas: [Float]) throws -> Tensor {
        guard a.shape == b.shape, let batch = a.shape.first else {
            throw TensorError.shapeMismatch(op: "mix", expected: "\(a.shape)", got: b.shape)
        }
        guard lambdas.count == 1 || lambdas.count == batch else {
            throw TensorError.invalidArgument(op: "mix", message: "need 1 or \(batch) mixing weights, got \(lambdas.count)")
        }
        let per = a.count / max(batch, 1)
        @inline(__always) func lambda(_ i: Int) -> Float { lambdas.count == 1 ? lambdas[0] : lambdas[i / per] }
        var out = [Float](repeating: 0, count: a.count)
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                for i in 0..<out.count { let l = lambda(i); out[i] = l * pa[i] + (1 - l) * pb[i] }
            }
        }
        let result = Tensor(unchecked: a.shape, values: out, requiresGrad: anyNeedsGrad(a, b))
        let needA = needsGrad(a), needB = needsGrad(b)
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                if needA { a.accumulateGrad { da in for i in 0..<da.count { da[i] += lambda(i) * pg[i] } } }
                if needB { b.accumulateGrad { db in for i in 0..<db.count { db[i] += (1 - lambda(i)) * pg[i] } } }
            }
        }
        return result
    }
}
