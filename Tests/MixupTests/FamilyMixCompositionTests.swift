import Autodiff
import BERT
@testable import Mixup
import XCTest

/// WordMix, SenMix and Manifold Mixup forwards equal an explicit composition of un-mixed pieces on
/// a small random model, with λ and the layer drawn; and the gradient through each mix matches
/// finite differences of the parameters the mix reaches.
final class FamilyMixCompositionTests: XCTestCase {
    private let config = BertConfig(vocabSize: 40, hiddenSize: 8, numHiddenLayers: 3, numAttentionHeads: 2,
                                    intermediateSize: 16, maxPositionEmbeddings: 16)

    private func model() throws -> BertClassifier {
        try BertClassifier(config: config, numLabels: 3, std: 0.3, seed: 4, headRNG: SeededRNG(seed: 5))
    }

    private func batches(seed: UInt64) -> (TokenBatch, TokenBatch) {
        HiddenMixFixtures.batches(seed: seed, vocabulary: 40, lengths: 3...8)
    }

    private func mix(_ x: Tensor, _ y: Tensor, _ lambda: Float) throws -> Tensor { try HiddenMixFixtures.mix(x, y, lambda) }

    private func assertClose(_ got: Tensor, _ want: Tensor, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        HiddenMixFixtures.assertClose(got, want, message, file: file, line: line)
    }

    private func evalContext() -> ForwardContext { ForwardContext(tape: Tape(computesParameterGradients: false), training: false) }

    func testWordMixEqualsMixedWordLookupsFinishedWithTheTargetsPositionsUnderTheUnionMask() throws {
        let model = try model()
        var draws = SeededRNG(seed: 31)
        for trial in 0..<4 {
            let (a, b) = batches(seed: UInt64(trial))
            let lambda = HiddenMix.drawLambda(alpha: 0.4, using: &draws)
            let table = model.embeddings.words.tensor.values, h = config.hiddenSize
            func lookups(_ batch: TokenBatch) throws -> Tensor {
                try Tensor(shape: [batch.size, batch.length, h], values: batch.inputIds.flatMap { Array(table[Int($0) * h..<(Int($0) + 1) * h]) })
            }
            let ctx = evalContext()
            let embedded = try model.embeddings.finish(mix(lookups(a), lookups(b), lambda), a, ctx)
            let union = zip(a.attentionMask, b.attentionMask).map { max($0, $1) }
            let hidden = try model.encode(embedded, mask: TokenBatch.additiveMask(union, size: a.size, length: a.length),
                                          layers: 0..<config.numHiddenLayers, ctx)
            let expected = try model.classify(hidden, ctx).logits
            assertClose(try HiddenMix.wordMixLogits(model: model, a: a, b: b, lambda: lambda, ctx), expected, "trial \(trial), λ \(lambda)")
        }
    }

    func testSenMixEqualsMixedPooledRepresentationsThroughTheHead() throws {
        let model = try model()
        var draws = SeededRNG(seed: 37)
        for trial in 0..<4 {
            let (a, b) = batches(seed: UInt64(20 + trial))
            let lambda = HiddenMix.drawLambda(alpha: 0.4, using: &draws)
            let ctx = evalContext()
            let pooledA = try model.classify(model.encode(model.embed(a, ctx), mask: a.additiveMask(), layers: 0..<config.numHiddenLayers, ctx), ctx).pooled
            let pooledB = try model.classify(model.encode(model.embed(b, ctx), mask: b.additiveMask(), layers: 0..<config.numHiddenLayers, ctx), ctx).pooled
            let mixed = try mix(pooledA, pooledB, lambda)
            // The head by hand: logits = W·pooled + bias.
            let weight = model.head.weight.tensor.values, bias = model.head.bias.tensor.values, labels = bias.count, h = config.hiddenSize
            let expected = try Tensor(shape: [a.size, labels], values: (0..<a.size).flatMap { row in
                (0..<labels).map { label in
                    bias[label] + (0..<h).reduce(Float(0)) { $0 + weight[label * h + $1] * mixed.values[row * h + $1] }
                }
            })
            assertClose(try HiddenMix.senMixLogits(model: model, a: a, b: b, lambda: lambda, ctx), expected, "trial \(trial), λ \(lambda)")
        }
    }

    func testManifoldEqualsStreamsEncodedToTheDrawnLayerMixedAndFinishedUnderTheTargetMask() throws {
        let model = try model()
        var draws = SeededRNG(seed: 41)
        XCTAssertEqual(HiddenMix.manifoldLayers(depth: config.numHiddenLayers), [0, 1, 2, 3])
        var seen = Set<Int>()
        for trial in 0..<12 {
            let (a, b) = batches(seed: UInt64(40 + trial))
            let lambda = HiddenMix.drawLambda(alpha: 0.4, using: &draws)
            let layers = HiddenMix.manifoldLayers(depth: config.numHiddenLayers)
            let layer = layers[Int.random(in: 0..<layers.count, using: &draws)]
            seen.insert(layer)
            let ctx = evalContext()
            let hA = try model.encode(model.embed(a, ctx), mask: a.additiveMask(), layers: 0..<layer, ctx)
            let hB = try model.encode(model.embed(b, ctx), mask: b.additiveMask(), layers: 0..<layer, ctx)
            let hidden = try model.encode(mix(hA, hB, lambda), mask: a.additiveMask(), layers: layer..<config.numHiddenLayers, ctx)
            let expected = try model.classify(hidden, ctx).logits
            assertClose(try HiddenMix.manifoldLogits(model: model, a: a, b: b, lambda: lambda, mixAfter: layer, ctx), expected,
                        "trial \(trial), λ \(lambda), layer \(layer)")
        }
        XCTAssertEqual(seen, [0, 1, 2, 3], "every layer, 0 (the embedding output) and the last included, was drawn and checked")
    }

    /// d(Σ w·logits)/d(parameter) from the tape against central differences (h = 1e-2, the sum in
    /// Float64), for `count` elements of `parameter`; tolerance as the op gradient checks use.
    private func checkGradient(_ model: BertClassifier, _ parameter: Parameter, count: Int, _ message: String,
                               logits: (ForwardContext) throws -> Tensor) throws {
        let probe = try logits(evalContext())
        var rng = SeededRNG(seed: 7)
        let weights = (0..<probe.count).map { _ in Float.random(in: -1..<1, using: &rng) }
        func objective() throws -> Double {
            zip(try logits(evalContext()).values, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        model.parameters.zeroGradients()
        let tape = Tape(computesParameterGradients: true)
        try tape.backward(from: logits(ForwardContext(tape: tape, training: false)), gradient: weights)
        let analytic = try XCTUnwrap(parameter.grad, message)
        let base = parameter.tensor.values, h: Float = 1e-2
        let indices = (0..<count).map { $0 * base.count / count }
        var numeric: [Double] = []
        for index in indices {
            var plus = base, minus = base
            plus[index] += h; minus[index] -= h
            try parameter.assign(plus); let up = try objective()
            try parameter.assign(minus); let down = try objective()
            numeric.append((up - down) / Double(2 * h))
        }
        try parameter.assign(base)
        let scale = max(numeric.map(abs).max() ?? 0, 1e-6)
        for (index, value) in zip(indices, numeric) {
            XCTAssertEqual(Double(analytic[index]), value, accuracy: 1e-3 * scale + 2e-2 * abs(value), "\(message): element \(index)")
        }
    }

    func testGradientsThroughEachMixMatchFiniteDifferences() throws {
        let model = try model()
        let (a, b) = batches(seed: 77)
        let lambda: Float = 0.7
        try checkGradient(model, model.embeddings.words, count: 24, "wordmix / word embeddings") { ctx in
            try HiddenMix.wordMixLogits(model: model, a: a, b: b, lambda: lambda, ctx)
        }
        try checkGradient(model, model.pooler.weight, count: 24, "senmix / pooler") { ctx in
            try HiddenMix.senMixLogits(model: model, a: a, b: b, lambda: lambda, ctx)
        }
        let query = try XCTUnwrap(model.parameters.first { $0.name.contains("layer.0.") && $0.name.hasSuffix("query.weight") })
        for layer in [0, 2] {
            try checkGradient(model, query, count: 24, "manifold at \(layer) / first layer's query") { ctx in
                try HiddenMix.manifoldLogits(model: model, a: a, b: b, lambda: lambda, mixAfter: layer, ctx)
            }
        }
    }
}
