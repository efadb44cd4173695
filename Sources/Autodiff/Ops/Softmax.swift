import Foundation

extension Tape {
    /// Softmax over the last axis of `x` after adding an additive key mask.
    ///
    /// `x` is `[B, ..., Tk]`; `additiveMask` (a constant) is `[B, Tk]` and is broadcast over every
    /// row of example b (BERT: 0 on real tokens, −10000 on padding). Without a mask it is a plain
    /// softmax. Backward: dx = y ⊙ (g − Σ_k g·y).
    public func softmax(_ x: Tensor, additiveMask: Tensor? = nil) throws -> Tensor {
        guard let width = x.shape.last, width > 0 else {
            throw TensorError.shapeMismatch(op: "softmax", expected: "[..., T] with T > 0", got: x.shape)
        }
        let rows = x.count / width
        var rowsPerExample = rows
        if let mask = additiveMask {
            guard mask.shape.count == 2, mask.shape[1] == width, x.shape.first == mask.shape[0] else {
                throw TensorError.shapeMismatch(op: "softmax", expected: "mask [\(x.shape.first ?? 0), \(width)]", got: mask.shape)
            }
            rowsPerExample = rows / mask.shape[0]
        }
        let rowsPerThread = max(1, 16_384 / width)
        var out = [Float](repeating: 0, count: x.count)
        x.values.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                parallelRanges(rows, minimumPerThread: rowsPerThread) { rowRange in for r in rowRange {
                    let base = r * width
                    if let mask = additiveMask {
                        mask.values.withUnsafeBufferPointer { pm in
                            let mrow = (r / rowsPerExample) * width
                            for j in 0..<width { po[base + j] = px[base + j] + pm[mrow + j] }
                        }
                    } else {
                        for j in 0..<width { po[base + j] = px[base + j] }
                    }
                    var maxv = -Float.infinity
                    for j in 0..<width { maxv = max(maxv, po[base + j]) }
                    var sum: Float = 0
                    for j in 0..<width { let e = expf(po[base + j] - maxv); po[base + j] = e; sum += e }
                    let inv = 1 / sum
                    for j in 0..<width { po[base + j] *= inv }
                } }
            }
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                result.values.withUnsafeBufferPointer { py in
                    g.withUnsafeBufferPointer { pg in
                        parallelRanges(rows, minimumPerThread: rowsPerThread) { rowRange in
                            for r in rowRange {
                                let base = r * width
                                var dot: Float = 0
                                for j in 0..<width { dot += pg[base + j] * py[base + j] }
                                for j in 0..<width { dx[base + j] += py[base + j] * (pg[base + j] - dot) }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
