import Autodiff
import BERT
@testable import Mixup
import XCTest

/// EmbedMix and TMix forwards equal an explicit composition of the un-mixed pieces on a small random
/// model: each stream embedded (and, for TMix, encoded up to the drawn layer) on its own, mixed
/// element by element with the drawn λ, then the rest of the encoder under the mask the method
/// prescribes (the union of both masks for EmbedMix, the target's for TMix).
final class HiddenMixCompositionTests: XCTestCase {
    private let config = BertConfig(vocabSize: 64, hiddenSize: 16, numHiddenLayers: 3, numAttentionHeads: 2,
                                    intermediateSize: 32, maxPositionEmbeddings: 32)

    private func model() throws -> BertClassifier {
        try BertClassifier(config: config, numLabels: 4, std: 0.3, seed: 8, headRNG: SeededRNG(seed: 9))
    }

    private func batches(seed: UInt64) -> (TokenBatch, TokenBatch) {
        HiddenMixFixtures.batches(seed: seed, vocabulary: 64, lengths: 3...9)
    }

    private func mix(_ x: Tensor, _ y: Tensor, _ lambda: Float) throws -> Tensor { try HiddenMixFixtures.mix(x, y, lambda) }

    private func assertClose(_ got: Tensor, _ want: Tensor, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        HiddenMixFixtures.assertClose(got, want, message, file: file, line: line)
    }

    func testEmbedMixEqualsMixedEmbeddingsEncodedUnderTheUnionMask() throws {
        let model = try model()
        var draws = SeededRNG(seed: 17)
        for trial in 0..<4 {
            let (a, b) = batches(seed: UInt64(trial))
            let lambda = HiddenMix.drawLambda(alpha: 0.4, using: &draws)
            let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
            let mixed = try mix(model.embed(a, ctx), model.embed(b, ctx), lambda)
            let union = zip(a.attentionMask, b.attentionMask).map { max($0, $1) }
            let hidden = try model.encode(mixed, mask: TokenBatch.additiveMask(union, size: a.size, length: a.length),
                                          layers: 0..<config.numHiddenLayers, ctx)
            let expected = try model.classify(hidden, ctx).logits
            assertClose(try HiddenMix.embedMixLogits(model: model, a: a, b: b, lambda: lambda, ctx), expected, "trial \(trial), λ \(lambda)")
        }
    }

    func testTMixEqualsStreamsEncodedToTheLayerMixedAndFinishedUnderTheTargetMask() throws {
        let model = try model()
        var draws = SeededRNG(seed: 23)
        for trial in 0..<6 {
            let (a, b) = batches(seed: UInt64(10 + trial))
            let lambda = HiddenMix.drawLambda(alpha: 0.4, using: &draws)
            let layer = Int.random(in: 1...config.numHiddenLayers, using: &draws)
            let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
            let hA = try model.encode(model.embed(a, ctx), mask: a.additiveMask(), layers: 0..<layer, ctx)
            let hB = try model.encode(model.embed(b, ctx), mask: b.additiveMask(), layers: 0..<layer, ctx)
            let hidden = try model.encode(mix(hA, hB, lambda), mask: a.additiveMask(), layers: layer..<config.numHiddenLayers, ctx)
            let expected = try model.classify(hidden, ctx).logits
            assertClose(try HiddenMix.tmixLogits(model: model, a: a, b: b, lambda: lambda, mixAfter: layer, ctx), expected,
                        "trial \(trial), λ \(lambda), layer \(layer)")
        }
    }

    func testTMixWithLambdaOneIsThePlainForwardOfTheTarget() throws {
        let model = try model()
        let (a, b) = batches(seed: 31)
        let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
        for layer in 1...config.numHiddenLayers {
            assertClose(try HiddenMix.tmixLogits(model: model, a: a, b: b, lambda: 1, mixAfter: layer, ctx), try model.logits(a, ctx),
                        "layer \(layer)")
        }
    }
}
