import FileSupport
import Foundation

/// What a checkpoint says about itself (`checkpoint.json` beside the weights).
public struct CheckpointSidecar: Codable, Equatable, Sendable {
    public var task: String
    /// Label names in the head's order.
    public var labels: [String]
    /// The optimizer step the weights are from.
    public var step: Int
    /// Accuracy on the selection split at that step.
    public var accuracy: Double
    /// The configuration hash of the run that wrote it.
    public var runConfigHash: String
    public var config: BertConfig

    public init(task: String, labels: [String], step: Int, accuracy: Double, runConfigHash: String, config: BertConfig) {
        self.task = task; self.labels = labels; self.step = step; self.accuracy = accuracy
        self.runConfigHash = runConfigHash; self.config = config
    }
}

/// Saving a whole classifier as a model directory that this tool and HuggingFace can load:
/// `model.safetensors` (HF names, `bert.` prefix on the encoder), `config.json`, `vocab.txt`
/// and `checkpoint.json`. Every file is written atomically.
public enum Checkpoint {
    public static let sidecarName = "checkpoint.json"

    /// Writes `model` into `directory`, copying the vocabulary from `vocabulary`.
    public static func save(_ model: BertClassifier, sidecar: CheckpointSidecar, vocabulary: URL, to directory: URL) throws {
        try AtomicFile.createDirectory(directory)
        try SafeTensorsWriter.write(model.namedWeights(), metadata: ["format": "pt"],
                                    to: directory.appendingPathComponent("model.safetensors"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var config = try JSONSerialization.jsonObject(with: encoder.encode(model.config)) as? [String: Any] ?? [:]
        config["model_type"] = "bert"
        config["architectures"] = ["BertForSequenceClassification"]
        config["num_labels"] = model.numLabels
        config["id2label"] = Dictionary(uniqueKeysWithValues: sidecar.labels.enumerated().map { ("\($0.offset)", $0.element) })
        config["label2id"] = Dictionary(uniqueKeysWithValues: sidecar.labels.enumerated().map { ($0.element, $0.offset) })
        try AtomicFile.write(JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys]),
                             to: directory.appendingPathComponent("config.json"))
        try AtomicFile.write(Data(contentsOf: vocabulary), to: directory.appendingPathComponent("vocab.txt"))
        try AtomicFile.write(encoder.encode(sidecar), to: directory.appendingPathComponent(sidecarName))
    }

    /// The sidecar of a checkpoint directory, if it has one.
    public static func sidecar(in directory: URL) -> CheckpointSidecar? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(sidecarName)) else { return nil }
        return try? JSONDecoder().decode(CheckpointSidecar.self, from: data)
    }
}
