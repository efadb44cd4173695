import Autodiff
import Foundation
import TestSupport
import XCTest
@testable import BERT

/// The encoder against HuggingFace transformers on ../shared/golden/model_batch.safetensors
/// (eval mode, all-MiniLM-L6-v2 with the stored classifier head).
final class ModelGoldenTests: XCTestCase {
    private var golden: SafeTensorsFile!
    private var model: BertClassifier!
    private var batch: TokenBatch!
    private var labels: [Int32]!

    /// Loads the golden batch and the model; called inside each test so that a missing file fails
    /// the test (an error thrown from setUp would only skip it).
    private func load() throws {
        golden = try SafeTensorsFile(url: TestPaths.golden("model_batch.safetensors"))
        let directory = try ModelDirectory(TestPaths.model("model.safetensors").deletingLastPathComponent())
        model = try BertClassifier(config: BertConfig.load(from: directory.configURL), numLabels: golden.shape(of: "classifier.weight")[0],
                                   std: 0, headRNG: SeededRNG(seed: 0))
        try model.loadWeights(from: SafeTensorsFile(url: directory.weightsURL))
        try model.head.weight.assign(golden.floats("classifier.weight"))
        try model.head.bias.assign(golden.floats("classifier.bias"))
        let shape = try golden.shape(of: "input_ids")
        func ints(_ name: String) throws -> [Int32] { try golden.int64s(name).map { Int32($0) } }
        batch = try TokenBatch(size: shape[0], length: shape[1], inputIds: ints("input_ids"), tokenTypeIds: ints("token_type_ids"),
                               attentionMask: ints("attention_mask"))
        labels = try ints("labels")
    }

    private func assertClose(_ got: [Float], _ name: String, atol: Float, rtol: Float = 0, file: StaticString = #filePath, line: UInt = #line) throws -> Float {
        let want = try golden.floats(name)
        XCTAssertEqual(got.count, want.count, "\(name): element count", file: file, line: line)
        var worst: Float = 0
        for (i, (g, w)) in zip(got, want).enumerated() {
            let error = abs(g - w)
            worst = max(worst, error)
            if error > atol + rtol * abs(w) {
                XCTFail("\(name)[\(i)]: got \(g), expected \(w)", file: file, line: line)
                return worst
            }
        }
        return worst
    }

    func testForwardMatchesTransformers() throws {
        try load()
        let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
        let embedded = try model.embed(batch, ctx)
        let hidden = try model.encode(embedded, mask: batch.additiveMask(), layers: 0..<model.layers.count, ctx)
        let (pooled, logits) = try model.classify(hidden, ctx)
        let loss = try ctx.tape.crossEntropy(logits, labels: labels)
        let errors = [
            try assertClose(embedded.values, "embedding_output", atol: 1e-4),
            try assertClose(hidden.values, "last_hidden_state", atol: 1e-4),
            try assertClose(pooled.values, "pooled_output", atol: 1e-4),
            try assertClose(logits.values, "logits", atol: 1e-4),
            try assertClose(loss.values, "loss", atol: 1e-5),
        ]
        print("max abs error: embedding \(errors[0]), last hidden \(errors[1]), pooled \(errors[2]), logits \(errors[3]), loss \(errors[4])")
    }

    func testEveryHiddenStateMatches() throws {
        try load()
        let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
        let all = try golden.floats("hidden_states")
        let layerSize = batch.size * batch.length * model.config.hiddenSize
        var h = try model.embed(batch, ctx)
        for layer in 0...model.layers.count {
            if layer > 0 { h = try model.encode(h, mask: batch.additiveMask(), layers: (layer - 1)..<layer, ctx) }
            let want = all[(layer * layerSize)..<((layer + 1) * layerSize)]
            let worst = zip(h.values, want).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(worst, 1e-4, "hidden state \(layer)")
        }
    }

    func testGradientsMatchTransformers() throws {
        try load()
        let tape = Tape()
        let ctx = ForwardContext(tape: tape, training: false)
        let embedded = try model.embed(batch, ctx)
        embedded.retainsGrad = true
        let hidden = try model.encode(embedded, mask: batch.additiveMask(), layers: 0..<model.layers.count, ctx)
        let loss = try tape.crossEntropy(model.classify(hidden, ctx).logits, labels: labels)
        model.parameters.zeroGradients()
        try tape.backward(from: loss)
        func relativeCheck(_ got: [Float], _ name: String) throws {
            let want = try golden.floats(name)
            let scale = want.map(abs).max() ?? 0
            for (i, (g, w)) in zip(got, want).enumerated() where abs(g - w) > 1e-3 * abs(w) + 1e-3 * scale {
                XCTFail("\(name)[\(i)]: got \(g), expected \(w)")
                return
            }
        }
        try relativeCheck(try XCTUnwrap(embedded.grad), "grad.embedding_output")
        let byName = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0) })
        for name in golden.tensorNames where name.hasPrefix("grad.") && !name.hasPrefix("grad.embedding_output") && !name.contains("word_embeddings") {
            let parameter = try XCTUnwrap(byName[String(name.dropFirst(5))], "no parameter for \(name)")
            try relativeCheck(try XCTUnwrap(parameter.grad, "\(parameter.name) has no gradient"), name)
        }
        let rows = try golden.int64s("grad.embeddings.word_embeddings.weight.row_ids")
        let wordGrad = try XCTUnwrap(byName["embeddings.word_embeddings.weight"]?.grad)
        let width = model.config.hiddenSize
        try relativeCheck(rows.flatMap { Array(wordGrad[(Int($0) * width)..<((Int($0) + 1) * width)]) }, "grad.embeddings.word_embeddings.weight.rows")
        let touched = Set(rows.map(Int.init))
        for row in 0..<model.config.vocabSize where !touched.contains(row) {
            XCTAssertTrue(wordGrad[(row * width)..<((row + 1) * width)].allSatisfy { $0 == 0 }, "row \(row) must have no gradient")
        }
    }
}
