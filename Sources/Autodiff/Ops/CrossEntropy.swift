import Foundation

extension Tape {
    /// Mean cross-entropy of `logits` (`[B, C]`) against integer `labels`.
    public func crossEntropy(_ logits: Tensor, labels: [Int32]) throws -> Tensor {
        try weightedCrossEntropy(logits, labels: labels, otherLabels: labels, lambdas: [Float](repeating: 1, count: labels.count))
    }

    /// Mean over examples of `λ_i · CE(logits_i, y_i) + (1 − λ_i) · CE(logits_i, y'_i)`: the mixup loss,
    /// equal to cross-entropy against the soft target λ·onehot(y) + (1−λ)·onehot(y').
    /// Backward: dlogits_i = (softmax_i − target_i) / B.
    public func weightedCrossEntropy(_ logits: Tensor, labels: [Int32], otherLabels: [Int32], lambdas: [Float]) throws -> Tensor {
        guard logits.shape.count == 2 else {
            throw TensorError.shapeMismatch(op: "crossEntropy", expected: "logits [B, C]", got: logits.shape)
        }
        let batch = logits.shape[0], classes = logits.shape[1]
        guard labels.count == batch, otherLabels.count == batch, lambdas.count == batch else {
            throw TensorError.invalidArgument(op: "crossEntropy", message: "need \(batch) labels and weights, got \(labels.count), \(otherLabels.count), \(lambdas.count)")
        }
        if let bad = (labels + otherLabels).first(where: { $0 < 0 || Int($0) >= classes }) {
            throw TensorError.invalidArgument(op: "crossEntropy", message: "label \(bad) outside 0..<\(classes)")
        }
        var probabilities = [Float](repeating: 0, count: logits.count)
        var total: Double = 0
        logits.values.withUnsafeBufferPointer { pl in
            for i in 0..<batch {
                let base = i * classes
                var maxv = -Float.infinity
                for c in 0..<classes { maxv = max(maxv, pl[base + c]) }
                var sum: Double = 0
                for c in 0..<classes { sum += exp(Double(pl[base + c] - maxv)) }
                let logSum = Double(maxv) + log(sum)
                for c in 0..<classes { probabilities[base + c] = Float(exp(Double(pl[base + c]) - logSum)) }
                let ceA = logSum - Double(pl[base + Int(labels[i])])
                let ceB = logSum - Double(pl[base + Int(otherLabels[i])])
                total += Double(lambdas[i]) * ceA + Double(1 - lambdas[i]) * ceB
            }
        }
        let result = Tensor(unchecked: [1], values: [Float(total / Double(batch))], requiresGrad: anyNeedsGrad(logits))
        record(result) { g in
            let scale = g[0] / Float(batch)
            logits.accumulateGrad { dl in
                for i in 0..<batch {
                    let base = i * classes
                    for c in 0..<classes { dl[base + c] += scale * probabilities[base + c] }
                    dl[base + Int(labels[i])] -= scale * lambdas[i]
                    dl[base + Int(otherLabels[i])] -= scale * (1 - lambdas[i])
                }
            }
        }
        return result
    }
}
