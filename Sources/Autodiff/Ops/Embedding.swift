extension Tape {
    /// Row gather: `table[ids[i]]` for each id, giving `outerShape + [D]` for a `[V, D]` table.
    /// Backward scatters each row's gradient back into the table, adding rows for repeated ids.
    public func embedding(_ table: Tensor, ids: [Int32], outerShape: [Int]) throws -> Tensor {
        guard table.shape.count == 2, outerShape.product == ids.count else {
            throw TensorError.shapeMismatch(op: "embedding", expected: "table [V, D] and \(ids.count) ids", got: table.shape + outerShape)
        }
        let vocab = table.shape[0], d = table.shape[1]
        if let bad = ids.first(where: { $0 < 0 || Int($0) >= vocab }) {
            throw TensorError.invalidArgument(op: "embedding", message: "id \(bad) outside the table's \(vocab) rows")
        }
        var out = [Float](repeating: 0, count: ids.count * d)
        table.values.withUnsafeBufferPointer { pt in
            out.withUnsafeMutableBufferPointer { po in
                for (i, id) in ids.enumerated() {
                    (po.baseAddress! + i * d).update(from: pt.baseAddress! + Int(id) * d, count: d)
                }
            }
        }
        let result = Tensor(unchecked: outerShape + [d], values: out, requiresGrad: anyNeedsGrad(table))
        record(result) { g in
            table.accumulateGrad { dt in
                g.withUnsafeBufferPointer { pg in
                    for (i, id) in ids.enumerated() {
                        let row = Int(id) * d, src = i * d
                        for j in 0..<d { dt[row + j] += pg[src + j] }
                    }
                }
            }
        }
        return result
    }
}
