import Autodiff
import Foundation

/// One prediction: the logits, their softmax and the winning label's name.
public struct Prediction: Codable, Equatable, Sendable {
    public var logits: [Float]
    public var probabilities: [Float]
    public var label: String
}

/// Classifies texts with a model directory in eval mode, in batches.
public struct Predictor {
    public let model: BertClassifier
    public let tokenizer: BertTokenizer
    /// Label names in the head's order (from `checkpoint.json`, else the indices as text).
    public let labelNames: [String]
    public let maxLength: Int

    /// Loads a model directory. Its stored classifier head (a checkpoint, or a HuggingFace
    /// `BertForSequenceClassification` directory) is used when present; otherwise a head of
    /// `numLabels` classes is drawn N(0, 0.02).
    public init(directory: ModelDirectory, numLabels: Int? = nil, maxLength: Int) throws {
        model = try directory.loadClassifier(numLabels: numLabels, headRNG: SeededRNG(seed: 0))
        tokenizer = try BertTokenizer(vocabularyFile: directory.vocabularyURL)
        let names = Checkpoint.sidecar(in: directory.url)?.labels ?? []
        labelNames = names.count == model.numLabels ? names : (0..<model.numLabels).map(String.init)
        self.maxLength = maxLength
    }

    /// Predictions for text pairs (`b` nil for single sentences), in input order.
    public func predict(_ texts: [(a: String, b: String?)], batchSize: Int = 64) throws -> [Prediction] {
        var predictions: [Prediction] = []
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let chunk = texts[start..<min(start + batchSize, texts.count)]
            let encoded = chunk.map { tokenizer.encode($0.a, $0.b, maxLength: maxLength) }
            let batch = TokenBatch(examples: encoded.map { ($0.inputIds, $0.tokenTypeIds) })
            let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
            let logits = try model.logits(batch, ctx)
            let probabilities = try ctx.tape.softmax(logits)
            let classes = logits.shape[1]
            for i in 0..<chunk.count {
                let row = Array(logits.values[(i * classes)..<((i + 1) * classes)])
                let best = row.indices.max { row[$0] < row[$1] } ?? 0
                predictions.append(Prediction(logits: row, probabilities: Array(probabilities.values[(i * classes)..<((i + 1) * classes)]),
                                              label: labelNames[best]))
            }
        }
        return predictions
    }
}
