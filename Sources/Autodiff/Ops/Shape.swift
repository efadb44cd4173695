extension Tape {
    /// The same values in another shape with as many elements. Backward passes the gradient through.
    public func reshape(_ x: Tensor, _ shape: [Int]) throws -> Tensor {
        guard shape.product == x.count else {
            throw TensorError.shapeMismatch(op: "reshape", expected: "\(x.count) elements", got: shape)
        }
        let result = Tensor(unchecked: shape, values: x.values, requiresGrad: anyNeedsGrad(x))
        record(result) { g in x.accumulateGrad(adding: g) }
        return result
    }

    /// The sub-tensor `range` along `axis` (0: batch, 1: sequence, or any axis).
    /// Backward adds the gradient into that slice of the input's gradient.
    public func slice(_ x: Tensor, axis: Int, range: Range<Int>) throws -> Tensor {
        guard axis >= 0, axis < x.shape.count, range.lowerBound >= 0, range.upperBound <= x.shape[axis] else {
            throw TensorError.invalidArgument(op: "slice", message: "range \(range) on axis \(axis) of shape \(x.shape)")
        }
        let outer = x.shape[..<axis].product, inner = x.shape[(axis + 1)...].product
        let full = x.shape[axis] * inner, part = range.count * inner, offset = range.lowerBound * inner
        var shape = x.shape; shape[axis] = range.count
        var out = [Float](repeating: 0, count: outer * part)
        x.values.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                for o in 0..<outer { (po.baseAddress! + o * part).update(from: px.baseAddress! + o * full + offset, count: part) }
            }
        }
        let result = Tensor(unchecked: shape, values: out, requiresGrad: anyNeedsGrad(x))
        record(result) { g in
            x.accumulateGrad { dx in
                g.withUnsafeBufferPointer { pg in
                    for o in 0..<outer { for j in 0..<part { dx[o * full + offset + j] += pg[o * part + j] } }
                }
            }
        }
        return result
    }

    /// Concatenation along `axis`; all other extents must agree. Backward splits the gradient.
    public func concat(_ xs: [Tensor], axis: Int) throws -> Tensor {
        guard let first = xs.first, axis >= 0, axis < first.shape.count else {
            throw TensorError.invalidArgument(op: "concat", message: "need at least one tensor and a valid axis")
        }
        for x in xs where x.shape.count != first.shape.count
            || zip(x.shape, first.shape).enumerated().contains(where: { $0.offset != axis && $0.element.0 != $0.element.1 }) {
            throw TensorError.shapeMismatch(op: "concat", expected: "\(first.shape) except axis \(axis)", got: x.shape)
        }
        let outer = first.shape[..<axis].product, inner = first.shape[(axis + 1)...].product
        let total = xs.reduce(0) { $0 + $1.shape[axis] }
        var shape = first.shape; shape[axis] = total
        let outRow = total * inner
        var out = [Float](repeating: 0, count: outer * outRow)
        var offsets: [Int] = []
        var offset = 0
        for x in xs {
            offsets.append(offset)
            let part = x.shape[axis] * inner
            x.values.withUnsafeBufferPointer { px in
                out.withUnsafeMutableBufferPointer { po in
                    for o in 0..<outer { (po.baseAddress! + o * outRow + offset).update(from: px.baseAddress! + o * part, count: part) }
                }
            }
            offset += part
        }
        let result = Tensor(unchecked: shape, values: out, requiresGrad: xs.contains { needsGrad($0) })
        let needs = xs.map { needsGrad($0) }
        record(result) { g in
            g.withUnsafeBufferPointer { pg in
                for (index, x) in xs.enumerated() where needs[index] {
                    let part = x.shape[axis] * inner, start = offsets[index]
                    x.accumulateGrad { dx in
                        for o in 0..<outer { for j in 0..<part { dx[o * part + j] += pg[o * outRow + start + j] } }
                    }
                }
            }
        }
        return result
    }
}
