import Autodiff
import FileSupport
import Foundation

extension SafeTensorsFile: WeightSource {
    /// The file's path.
    public var location: String { url.path }
}

/// A HuggingFace-style model directory: `config.json`, `vocab.txt` and `model.safetensors`
/// (optionally `checkpoint.json`, written with our checkpoints).
public struct ModelDirectory: Sendable {
    public let url: URL
    public var configURL: URL { url.appendingPathComponent("config.json") }
    public var vocabularyURL: URL { url.appendingPathComponent("vocab.txt") }
    public var weightsURL: URL { url.appendingPathComponent("model.safetensors") }
    /// The directory's name, used as the model's name in records.
    public var name: String { url.standardizedFileURL.lastPathComponent }

    /// A directory whose three files exist; the error names the first missing one.
    public init(_ url: URL) throws {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelError.missingFile(url.path, hint: "no model directory here; run `make model` for the default model")
        }
        for file in [configURL, vocabularyURL, weightsURL] where !FileManager.default.fileExists(atPath: file.path) {
            throw ModelError.missingFile(file.path, hint: "a model directory needs config.json, vocab.txt and model.safetensors")
        }
    }

    /// The classifier: encoder and pooler from the weights; the head from the weights when they hold
    /// `classifier.weight` (its row count sets the number of labels), otherwise `numLabels` classes
    /// drawn N(0, 0.02) from `headRNG`.
    public func loadClassifier(numLabels: Int?, headRNG: SeededRNG) throws -> BertClassifier {
        let config = try BertConfig.load(from: configURL)
        let weights = try SafeTensorsFile(url: weightsURL)
        let stored = try BertClassifier.storedHeadLabels(in: weights)
        if let stored, let numLabels, stored != numLabels {
            throw ModelError.invalid(weightsURL.path, "its classifier head has \(stored) labels, the task needs \(numLabels)")
        }
        guard let labels = stored ?? numLabels else {
            throw ModelError.invalid(weightsURL.path, "no classifier head stored: give the number of labels (--num-labels, or train on a task)")
        }
        let model = try BertClassifier(config: config, numLabels: labels, std: 0, headRNG: headRNG)
        try model.loadWeights(from: weights)
        return model
    }

    /// sha256 of `model.safetensors`, hex (read in chunks).
    public func weightsSHA256() throws -> String {
        do {
            return try Checksum.sha256Hex(ofFileAt: weightsURL)
        } catch {
            throw ModelError.missingFile(weightsURL.path, hint: "cannot read the weights")
        }
    }
}
