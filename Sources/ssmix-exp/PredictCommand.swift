import ArgumentParser
import BERT
import Foundation

/// `ssmix-exp predict`: classify JSON Lines from stdin with a trained model directory.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify JSON Lines from stdin with a checkpoint (eval mode, batched).",
        discussion: """
        Each input line is a JSON object with "text_a" and, for sentence pairs, "text_b". Each \
        output line holds "logits", "probabilities" and the predicted "label" (its name when the \
        checkpoint says it). A bad input line is reported with its line number and skipped; the \
        command then exits non-zero.

        Example:
          echo '{"text_a": "How far is the moon?"}' | ssmix-exp predict --model runs/checkpoints/trec-coarse/0/normal-<hash>
        """
    )

    @Option(help: "Model directory with a classifier head (config.json, vocab.txt, model.safetensors).") var model: String
    @Option(help: "Longest encoding in tokens, [CLS] and [SEP]s included.") var maxLength = 128
    @Option(help: "Number of labels when the model stores no classifier head (a fresh head is drawn N(0, 0.02)).") var numLabels: Int?

    func validate() throws {
        guard maxLength >= 3 else { throw ValidationError("--max-length must be at least 3") }
        if let numLabels, numLabels < 2 { throw ValidationError("--num-labels must be at least 2") }
    }

    func run() throws {
        var texts: [(a: String, b: String?)] = []
        var lineNumber = 0, badLines = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            do {
                if let pair = try JSONLinesTokenizer.textPair(from: line, lineNumber: lineNumber) { texts.append(pair) }
            } catch {
                badLines += 1
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            }
        }
        let predictor = try Predictor(directory: ModelDirectory(URL(fileURLWithPath: model)), numLabels: numLabels, maxLength: maxLength)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for prediction in try predictor.predict(texts) { print(String(decoding: try encoder.encode(prediction), as: UTF8.self)) }
        guard badLines == 0 else { throw TokenizeInputError.badLines(count: badLines) }
    }
}
