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
        var out = x.values
        let maskValues = additiveMask?.values ?? []
        out.withUnsafeMutableBufferPointer { po in
            maskValues.withUnsafeBufferPointer { pm in
                parallelRows(rows, width: width) { range in
                    for r in range {
                        softmaxRow(po.baseAddress! + r * width, width: width,
                                   mask: pm.isEmpty ? nil : pm.baseAddress! + (r / rowsPerExample) * width)
                    }
                }
            }
        }
        let result = Tensor(unchecked: x.shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                result.values.withUnsafeBufferPointer { py in
                    g.withUnsafeBufferPointer { pg in
                        parallelRows(rows, width: width) { range in
                            for r in range {
                                softmaxBackwardRow(pg.baseAddress! + r * width, probabilities: py.baseAddress! + r * width,
                                                   width: width, into: dx.baseAddress! + r * width, accumulate: true)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

/// In place: row ← softmax(row + mask) (no mask: softmax(row)), with the row's maximum subtracted
/// before exponentiating; 16 lanes at a time.
@inline(__always)
func softmaxRow(_ row: UnsafeMutablePointer<Float>, width: Int, mask: UnsafePointer<Float>?) {
    let values = UnsafePointer(row)
    var maxLanes = Float16Lanes(repeating: -.infinity)
    forEachLanes(width) { i, valid in
        var v = values.lanes(at: i, valid: valid, padding: -.infinity)
        if let mask { v += mask.lanes(at: i, valid: valid) }
        row.store(v, at: i, valid: valid)
        maxLanes = maxLanes.replacing(with: v, where: v .> maxLanes)
    }
    let maxValue = maxLanes.max()
    let sum = laneSum(width) { i, valid in
        let e = vectorExp(values.lanes(at: i, valid: valid) - maxValue).zeroingLanes(from: valid)
        row.store(e, at: i, valid: valid)
        return e
    }
    let inverse = 1 / sum
    for j in 0..<width { row[j] *= inverse }
}

/// Softmax backward on one row: the input gradient y ⊙ (g − Σ g ⊙ y) for output gradient `g` and
/// output `y`, written into `out` or added to it (`out` may be `g` itself when not accumulating).
@inline(__always)
func softmaxBackwardRow(_ g: UnsafePointer<Float>, probabilities y: UnsafePointer<Float>, width: Int,
                        into out: UnsafeMutablePointer<Float>, accumulate: Bool) {
    let dot = laneSum(width) { i, valid in g.lanes(at: i, valid: valid) * y.lanes(at: i, valid: valid) }
    if accumulate {
        for j in 0..<width { out[j] += y[j] * (g[j] - dot) }
    } else {
        for j in 0..<width { out[j] = y[j] * (g[j] - dot) }
    }
}
