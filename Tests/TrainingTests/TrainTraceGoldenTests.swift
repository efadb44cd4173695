import Autodiff
import BERT
import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
@testable import Training
import XCTest

/// The trainer's own step (``Optimization/normalStep(_:labels:)``, the one train-normal uses)
/// reproduces ../shared/golden/train_trace.json: whole training steps of the released stack.
/// Every setting comes from the file; nothing about this trace is hard-coded.
final class TrainTraceGoldenTests: XCTestCase {
    func testTrainerReproducesTheReferenceTrace() throws {
        let data = try Data(contentsOf: TestPaths.golden("train_trace.json"))
        let trace = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let head = try SafeTensorsFile(url: TestPaths.golden("train_trace_head.safetensors"))
        let directory = try ModelDirectory(TestPaths.model("model.safetensors").deletingLastPathComponent())
        let labelCount = try head.shape(of: "classifier.weight")[0]
        let model = try directory.loadClassifier(numLabels: labelCount, headRNG: SeededRNG(seed: 0))
        try model.head.weight.assign(head.floats("classifier.weight"))
        try model.head.bias.assign(head.floats("classifier.bias"))

        let opt = try XCTUnwrap(trace["optimizer"] as? [String: Any])
        let betas = try XCTUnwrap(opt["betas"] as? [Double])
        var settings = OptimizerSettings(learningRate: try XCTUnwrap(opt["lr"] as? Double))
        settings.beta1 = betas[0]; settings.beta2 = betas[1]
        settings.eps = try XCTUnwrap(opt["eps"] as? Double)
        settings.weightDecay = try XCTUnwrap(opt["weight_decay"] as? Double)
        XCTAssertEqual(opt["clipping"] as? String, "none")
        let optimization = Optimization(model: model, settings: settings, totalSteps: try XCTUnwrap(opt["total_steps"] as? Int),
                                        warmupSteps: try XCTUnwrap(opt["warmup_steps"] as? Int), dropoutRNG: SeededRNG(seed: 0))
        optimization.training = false   // the trace runs with dropout off

        let batches = try XCTUnwrap(trace["batches"] as? [[String: Any]])
        let steps = try XCTUnwrap(trace["steps"] as? [[String: Any]])
        XCTAssertEqual(batches.count, steps.count)
        var worstLoss = 0.0, worstNorm = 0.0
        for (index, (batchJSON, expected)) in zip(batches, steps).enumerated() {
            let batch = try Self.batch(batchJSON)
            let labels = try XCTUnwrap(batchJSON["labels"] as? [Int]).map(Int32.init)
            let result = try optimization.normalStep(batch, labels: labels)
            let step = index + 1
            let lr = try XCTUnwrap(expected["lr"] as? Double), loss = try XCTUnwrap(expected["loss"] as? Double)
            let norm = try XCTUnwrap(expected["grad_norm"] as? Double)
            XCTAssertEqual(result.learningRate, lr, accuracy: 1e-12, "step \(step): learning rate")
            XCTAssertEqual(result.loss, loss, accuracy: 1e-4, "step \(step): loss")
            XCTAssertEqual(result.gradientNorm, norm, accuracy: 1e-3 * norm, "step \(step): gradient norm")
            worstLoss = max(worstLoss, abs(result.loss - loss))
            worstNorm = max(worstNorm, abs(result.gradientNorm - norm) / norm)
        }

        let eval = try XCTUnwrap(trace["eval"] as? [String: Any])
        let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
        let logits = try model.logits(Self.batch(eval), ctx)
        let expectedLogits = try XCTUnwrap(eval["logits_after"] as? [[Double]]).flatMap { $0 }
        var worstLogit = 0.0
        for (i, (got, want)) in zip(logits.values, expectedLogits).enumerated() {
            XCTAssertEqual(Double(got), want, accuracy: 1e-4, "eval logits[\(i)] after the last step")
            worstLogit = max(worstLogit, abs(Double(got) - want))
        }
        XCTAssertEqual(logits.count, expectedLogits.count)

        let byName = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0) })
        var worstParameter = 0.0
        for (name, any) in try XCTUnwrap(trace["params_after"] as? [String: [String: Any]]) {
            let values = try XCTUnwrap(byName[name], "no parameter \(name)").tensor.values
            let sum = values.reduce(0.0) { $0 + Double($1) }
            let l2 = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            XCTAssertEqual(sum, try XCTUnwrap(any["sum"] as? Double), accuracy: 1e-4, "\(name): sum after the last step")
            XCTAssertEqual(l2, try XCTUnwrap(any["l2"] as? Double), accuracy: 1e-4, "\(name): l2 after the last step")
            for (i, want) in try XCTUnwrap(any["values"] as? [Double]).enumerated() {
                XCTAssertEqual(Double(values[i]), want, accuracy: 1e-4, "\(name)[\(i)] after the last step")
                worstParameter = max(worstParameter, abs(Double(values[i]) - want))
            }
        }
        let table = try XCTUnwrap(byName["embeddings.word_embeddings.weight"]).tensor.values
        let width = model.config.hiddenSize
        for (id, any) in try XCTUnwrap(trace["word_embedding_rows_after"] as? [String: [Double]]) {
            let row = try XCTUnwrap(Int(id))
            for (j, want) in any.enumerated() {
                XCTAssertEqual(Double(table[row * width + j]), want, accuracy: 1e-4, "word embedding row \(id)[\(j)] after the last step")
                worstParameter = max(worstParameter, abs(Double(table[row * width + j]) - want))
            }
        }
        print("train trace: max |Δloss| \(worstLoss), max relative Δgrad-norm \(worstNorm), max |Δlogit| \(worstLogit), max |Δparameter| \(worstParameter)")
    }

    /// A padded batch from the trace's `input_ids` / `attention_mask` (token types all 0).
    private static func batch(_ json: [String: Any]) throws -> TokenBatch {
        let ids = try XCTUnwrap(json["input_ids"] as? [[Int]]), mask = try XCTUnwrap(json["attention_mask"] as? [[Int]])
        let length = try XCTUnwrap(ids.first?.count)
        return try TokenBatch(size: ids.count, length: length, inputIds: ids.flatMap { $0 }.map(Int32.init),
                              tokenTypeIds: [Int32](repeating: 0, count: ids.count * length), attentionMask: mask.flatMap { $0 }.map(Int32.init))
    }
}
