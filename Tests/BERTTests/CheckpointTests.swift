import Autodiff
import Foundation
import TestSupport
import XCTest
@testable import BERT

/// Checkpoints: written by us, read back bit for bit, and usable as a model directory.
final class CheckpointTests: XCTestCase {
    func testCheckpointReadsBackBitIdentically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ssmix-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = BertConfig(vocabSize: 40, hiddenSize: 24, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 48,
                                maxPositionEmbeddings: 32)
        let model = try BertClassifier(config: config, numLabels: 3, std: 0.02, seed: 5, headRNG: SeededRNG(seed: 6))
        let vocabulary = directory.appendingPathComponent("source-vocab.txt")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try (0..<40).map { "tok\($0)" }.joined(separator: "\n").write(to: vocabulary, atomically: true, encoding: .utf8)
        let sidecar = CheckpointSidecar(task: "trec-coarse", labels: ["a", "b", "c"], step: 7, accuracy: 0.5, runConfigHash: "abc", config: config)
        let saved = directory.appendingPathComponent("checkpoint")
        try Checkpoint.save(model, sidecar: sidecar, vocabulary: vocabulary, to: saved)

        let loaded = try ModelDirectory(saved).loadClassifier(numLabels: nil, headRNG: SeededRNG(seed: 99))
        XCTAssertEqual(loaded.numLabels, 3, "the head's label count comes from the stored head")
        XCTAssertEqual(loaded.config, config)
        for (a, b) in zip(model.parameters, loaded.parameters) {
            XCTAssertEqual(a.name, b.name)
            XCTAssertEqual(a.tensor.values.map(\.bitPattern), b.tensor.values.map(\.bitPattern), "\(a.name) must read back bit for bit")
        }
        XCTAssertEqual(Checkpoint.sidecar(in: saved), sidecar)
        let names = try SafeTensorsFile(url: saved.appendingPathComponent("model.safetensors")).tensorNames
        XCTAssertTrue(names.contains("bert.embeddings.word_embeddings.weight") && names.contains("classifier.weight"),
                      "HuggingFace BertForSequenceClassification names")
    }

    func testMissingWeightsAndShapeMismatchAreClearErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ssmix-nomodel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{}".write(to: directory.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        try "[PAD]".write(to: directory.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ModelDirectory(directory)) { XCTAssertTrue("\($0)".contains("model.safetensors")) }

        let golden = try SafeTensorsFile(url: TestPaths.golden("model_batch.safetensors"))
        let config = try BertConfig.load(from: TestPaths.model("config.json"))
        let wrongHead = try BertClassifier(config: config, numLabels: 6, std: 0, headRNG: SeededRNG(seed: 0))
        // The golden file holds classifier.weight [6, 384] but none of the encoder's tensors.
        XCTAssertThrowsError(try wrongHead.loadWeights(from: golden)) {
            XCTAssertTrue("\($0)".contains("model_batch.safetensors") && "\($0)".contains("is missing"), "\($0)")
        }
    }
}
