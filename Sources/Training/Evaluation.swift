import Autodiff
import BERT
import Records
import TextData

/// Accuracy and mean loss of a model on examples.
public struct EvaluationResult: Equatable, Sendable {
    public var accuracy: Double
    public var loss: Double
    public var count: Int
}

/// Evaluation in eval mode without gradients. Examples are sorted by length before batching so
/// that dynamic padding wastes little; the result does not depend on the order.
public enum Evaluator {
    /// Evaluates `model` on `examples` in batches of `batchSize`, the dense layers' products in `precision`.
    public static func evaluate(model: BertClassifier, examples: [EncodedExample], batchSize: Int = 256,
                                precision: Precision = .fp32) throws -> EvaluationResult {
        guard !examples.isEmpty else { return EvaluationResult(accuracy: 0, loss: 0, count: 0) }
        let order = examples.indices.sorted { examples[$0].inputIds.count < examples[$1].inputIds.count }
        var correct = 0
        var lossSum = 0.0
        for start in stride(from: 0, to: order.count, by: batchSize) {
            let chunk = order[start..<min(start + batchSize, order.count)].map { examples[$0] }
            let batch = TokenBatch(examples: chunk.map { ($0.inputIds, $0.tokenTypeIds) })
            let labels = chunk.map(\.label)
            let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false, precision: precision)
            let logits = try model.logits(batch, ctx)
            lossSum += Double(try ctx.tape.crossEntropy(logits, labels: labels).scalarValue) * Double(chunk.count)
            let classes = logits.shape[1]
            for (i, label) in labels.enumerated() {
                let row = logits.values[(i * classes)..<((i + 1) * classes)]
                if let best = row.indices.max(by: { row[$0] < row[$1] }), best - i * classes == Int(label) { correct += 1 }
            }
        }
        return EvaluationResult(accuracy: Double(correct) / Double(examples.count), loss: lossSum / Double(examples.count), count: examples.count)
    }
}
