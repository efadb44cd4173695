import Autodiff
import BERT
import Foundation
import TestSupport
import XCTest
@testable import Mixup

/// The golden batch (../shared/golden/model_batch.safetensors), the default model with the golden
/// classifier head, the batch and its labels.
private func goldenModelBatch() throws -> (golden: SafeTensorsFile, model: BertClassifier, batch: TokenBatch, labels: [Int32]) {
    let golden = try SafeTensorsFile(url: TestPaths.golden("model_batch.safetensors"))
    let directory = try ModelDirectory(TestPaths.model("model.safetensors").deletingLastPathComponent())
    let model = try directory.loadClassifier(numLabels: golden.shape(of: "classifier.weight")[0], headRNG: SeededRNG(seed: 0))
    try model.head.weight.assign(golden.floats("classifier.weight"))
    try model.head.bias.assign(golden.floats("classifier.bias"))
    let shape = try golden.shape(of: "input_ids")
    func ints(_ name: String) throws -> [Int32] { try golden.int64s(name).map { Int32($0) } }
    let batch = try TokenBatch(size: shape[0], length: shape[1], inputIds: ints("input_ids"), tokenTypeIds: ints("token_type_ids"),
                               attentionMask: ints("attention_mask"))
    return (golden, model, batch, try ints("labels"))
}

/// Saliency against HuggingFace's gradient of the mean loss w.r.t. the embedding output
/// (../shared/golden/model_batch.safetensors, eval mode).
final class SaliencyGoldenTests: XCTestCase {
    func testPerTokenNormsMatchAndNoWeightGradientIsComputed() throws {
        let (golden, model, batch, labels) = try goldenModelBatch()
        model.parameters.zeroGradients()
        let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
        let saliency = try Saliency.compute(model: model, batch: batch, labels: labels, ctx)

        let expected = try golden.floats("grad.embedding_output.l2")
        let scale = expected.max() ?? 0
        XCTAssertEqual(saliency.count, batch.size)
        for (i, row) in saliency.enumerated() {
            XCTAssertEqual(row.count, batch.realLength(i), "one value per real token of example \(i)")
            for (t, value) in row.enumerated() {
                let want = expected[i * batch.length + t]
                XCTAssertEqual(value, want, accuracy: 1e-3 * want + 1e-3 * scale, "example \(i) token \(t)")
            }
        }
        XCTAssertTrue(model.parameters.allSatisfy { $0.grad == nil }, "the saliency pass must not compute weight gradients")
    }
}

/// Shared saliency (the clean pass's own backward) against the same golden gradient, and the rule
/// that splits a packed pair's saliency into its segments.
final class SharedSaliencyTests: XCTestCase {
    func testCleanPassSaliencyIsTheGoldenGradientNormTimesTheLossScale() throws {
        let (golden, model, batch, labels) = try goldenModelBatch()
        model.parameters.zeroGradients()
        let lossScale: Float = 0.5
        let (loss, saliency) = try Saliency.cleanPass(model: model, batch: batch, labels: labels, lossScale: lossScale,
                                                      ForwardContext(tape: Tape(), training: false))
        XCTAssertEqual(loss.scalarValue, lossScale * (try golden.floats("loss")[0]), accuracy: 1e-5)
        let expected = try golden.floats("grad.embedding_output.l2")
        let scale = expected.max() ?? 0
        for (i, row) in saliency.enumerated() {
            XCTAssertEqual(row.count, batch.realLength(i))
            for (t, value) in row.enumerated() {
                let want = lossScale * expected[i * batch.length + t]
                XCTAssertEqual(value, want, accuracy: 1e-3 * want + 1e-3 * scale, "example \(i) token \(t)")
            }
        }
        XCTAssertTrue(model.parameters.allSatisfy { $0.grad != nil }, "the clean pass trains: every parameter gets its gradient")
    }

    func testPairSaliencySplitsLikeTheSegments() {
        // [CLS] a1 a2 [SEP] b1 [SEP]: left [CLS] a1 a2 [SEP], right [CLS] b1 [SEP].
        let packed = TokenRow(ids: [101, 7, 8, 102, 9, 102], types: [0, 0, 0, 0, 1, 1])
        let (left, right) = Saliency.pairSegments([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], of: packed)
        let segments = PairSegments.split(packed)
        XCTAssertEqual(left, [0.1, 0.2, 0.3, 0.4])
        XCTAssertEqual(right, [0.1, 0.5, 0.6])
        XCTAssertEqual(left.count, segments.left.length)
        XCTAssertEqual(right.count, segments.right.length)
    }
}
