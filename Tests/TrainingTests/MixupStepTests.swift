import Autodiff
import BERT
import Mixup
import TextData
@testable import Training
import XCTest

/// ``MixupStep`` against explicit compositions of its pieces on a small random model: the two-pass
/// loss is the mean of the four cross-entropies computed one by one, and a shared-saliency SSMix
/// step is the clean pass, span mixes from that pass's saliency, and one mixed pass after it.
final class MixupStepTests: XCTestCase {
    private static let config = BertConfig(vocabSize: 128, hiddenSize: 16, numHiddenLayers: 3, numAttentionHeads: 2,
                                           intermediateSize: 32, maxPositionEmbeddings: 32)
    private static let labelCount = 3

    /// The same random weights every call, so that one copy steps and a twin recomputes.
    private func model() throws -> BertClassifier {
        try BertClassifier(config: Self.config, numLabels: Self.labelCount, std: 0.3, seed: 5, headRNG: SeededRNG(seed: 6))
    }

    /// `count` single sentences of 4–10 tokens ([CLS] … [SEP]) with labels.
    private func examples(_ count: Int, seed: UInt64) -> [EncodedExample] {
        var rng = SeededRNG(seed: seed)
        return (0..<count).map { _ in
            let content = (0..<Int.random(in: 2...8, using: &rng)).map { _ in Int32.random(in: 103..<128, using: &rng) }
            let ids = [101] + content + [102]
            return EncodedExample(inputIds: ids, tokenTypeIds: [Int32](repeating: 0, count: ids.count),
                                  label: Int32.random(in: 0..<Int32(Self.labelCount), using: &rng))
        }
    }

    private func batch(_ examples: ArraySlice<EncodedExample>, length: Int = 1) -> TokenBatch {
        TokenBatch(examples: examples.map { ($0.inputIds, $0.tokenTypeIds) }, minimumLength: length)
    }

    private func optimization(_ model: BertClassifier, dropoutSeed: UInt64, training: Bool) -> Optimization {
        let optimization = Optimization(model: model, settings: OptimizerSettings(learningRate: 1e-3), totalSteps: 10,
                                        warmupSteps: 0, dropoutRNG: SeededRNG(seed: dropoutSeed))
        optimization.training = training
        return optimization
    }

    /// Cross-entropy of each row of `logits` against `labels`, in Float64.
    private func crossEntropies(_ logits: Tensor, _ labels: [Int32]) -> [Double] {
        let classes = logits.shape[1]
        return labels.enumerated().map { i, label in
            let row = logits.values[(i * classes)..<((i + 1) * classes)].map(Double.init)
            let top = row.max() ?? 0
            return top + log(row.map { exp($0 - top) }.reduce(0, +)) - row[Int(label)]
        }
    }

    private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    func testHiddenMixLossIsTheMeanOfTheFourCrossEntropiesComputedOneByOne() throws {
        for method in [MixMethod.embedmix, .tmix, .wordmix, .senmix, .manifold] {
            let settings = MixSettings(windowPercent: 10, alpha: 0.4, tmixLayers: method == .tmix ? [1, 2, 3] : nil, saliency: .separate)
            let step = MixupStep(method: method, settings: settings, isPair: false, lengthAliasing: false,
                             specialTokens: .bertUncased, rng: SeededRNG(seed: 3))
            let examples = examples(8, seed: 21)
            let result = try step.step(examples, optimization(try model(), dropoutSeed: 1, training: false))
            let draw = try XCTUnwrap(step.lastHiddenDraw, "\(method.rawValue) records what it drew")
            XCTAssertEqual(draw.layer != nil, method.drawsLayer)
            XCTAssertEqual(result.mixLayer, draw.layer, "\(method.rawValue): the step reports the layer it drew")

            let twin = try model()
            let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: false)
            let a = examples[0..<4], b = examples[4..<8]
            let labelsA = a.map(\.label), labelsB = b.map(\.label)
            let length = examples.map(\.inputIds.count).max() ?? 1
            func mixed(_ target: ArraySlice<EncodedExample>, _ source: ArraySlice<EncodedExample>) throws -> Tensor {
                let t = batch(target, length: length), s = batch(source, length: length)
                switch (method, draw.layer) {
                case (.tmix, let layer?): return try HiddenMix.tmixLogits(model: twin, a: t, b: s, lambda: draw.lambda, mixAfter: layer, ctx)
                case (.manifold, let layer?):
                    return try HiddenMix.manifoldLogits(model: twin, a: t, b: s, lambda: draw.lambda, mixAfter: layer, ctx)
                case (.wordmix, _): return try HiddenMix.wordMixLogits(model: twin, a: t, b: s, lambda: draw.lambda, ctx)
                case (.senmix, _): return try HiddenMix.senMixLogits(model: twin, a: t, b: s, lambda: draw.lambda, ctx)
                default: return try HiddenMix.embedMixLogits(model: twin, a: t, b: s, lambda: draw.lambda, ctx)
                }
            }
            let lambda = Double(draw.lambda)
            func mixedLoss(_ logits: Tensor, _ target: [Int32], _ source: [Int32]) -> Double {
                mean(zip(crossEntropies(logits, target), crossEntropies(logits, source)).map { lambda * $0 + (1 - lambda) * $1 })
            }
            let ceA = mean(crossEntropies(try twin.logits(batch(a), ctx), labelsA))
            let ceB = mean(crossEntropies(try twin.logits(batch(b), ctx), labelsB))
            let lossAB = mixedLoss(try mixed(a, b), labelsA, labelsB)
            let lossBA = mixedLoss(try mixed(b, a), labelsB, labelsA)
            let expected = (ceA + ceB + lossAB + lossBA) / 4
            XCTAssertEqual(result.loss, expected, accuracy: 1e-5 * max(1, abs(expected)), "\(method.rawValue)")
        }
    }

    func testManifoldDrawsEveryLayerFromTheEmbeddingOutputToTheLastAndFoldsLambda() throws {
        let settings = MixSettings(windowPercent: 10, alpha: 0.2, tmixLayers: nil, saliency: .separate)
        let step = MixupStep(method: .manifold, settings: settings, isPair: false, lengthAliasing: false,
                             specialTokens: .bertUncased, rng: SeededRNG(seed: 9))
        let optimization = optimization(try model(), dropoutSeed: 2, training: true)
        var counts: [Int: Int] = [:]
        for round in 0..<24 {
            let result = try step.step(examples(4, seed: UInt64(100 + round)), optimization)
            let draw = try XCTUnwrap(step.lastHiddenDraw)
            XCTAssertEqual(result.mixLayer, draw.layer)
            XCTAssertTrue((0.5...1).contains(draw.lambda), "λ folded to max(λ, 1 − λ): \(draw.lambda)")
            counts[try XCTUnwrap(draw.layer), default: 0] += 1
        }
        XCTAssertEqual(Set(counts.keys), Set(0...Self.config.numHiddenLayers), "layers 0 … n are all drawn: \(counts)")
    }

    func testSharedSaliencyStepMixesFromTheCleanPassAndRunsOneMixedPassAfterIt() throws {
        let settings = MixSettings(windowPercent: 30, alpha: 0.2, tmixLayers: nil, saliency: .shared)
        let step = MixupStep(method: .ssmix, settings: settings, isPair: false, lengthAliasing: false,
                             specialTokens: .bertUncased, rng: SeededRNG(seed: 3))
        let examples = examples(8, seed: 33)
        let result = try step.step(examples, optimization(try model(), dropoutSeed: 9, training: true))

        // The same step composed by hand on an identical model and dropout stream.
        let twin = try model()
        let dropout = DropoutSource(SeededRNG(seed: 9))
        let rows = examples.map { TokenRow(ids: $0.inputIds, types: $0.tokenTypeIds) }
        let labels = examples.map(\.label)
        let clean = try Saliency.cleanPass(model: twin, batch: batch(examples[...]), labels: labels, lossScale: 0.5,
                                           ForwardContext(tape: Tape(), training: true, dropoutSource: dropout))
        let mixer = SaliencySpanMix(windowPercent: 30, specialTokens: .bertUncased)
        func direction(_ targets: Range<Int>, _ sources: Range<Int>) throws -> [MixedRow] {
            try zip(targets, sources).map {
                try mixer.mix(target: rows[$0], source: rows[$1], targetSaliency: clean.saliency[$0], sourceSaliency: clean.saliency[$1])
            }
        }
        let mixedRows = try direction(0..<4, 4..<8) + direction(4..<8, 0..<4)
        let mixedBatch = TokenBatch(examples: mixedRows.map { ($0.row.ids, $0.row.types) })
        let logits = try twin.logits(mixedBatch, ForwardContext(tape: Tape(computesParameterGradients: false), training: true,
                                                                dropoutSource: dropout))
        let own = crossEntropies(logits, Array(labels[0..<4]) + Array(labels[4..<8]))
        let other = crossEntropies(logits, Array(labels[4..<8]) + Array(labels[0..<4]))
        let mixedLoss = mean(mixedRows.indices.map { Double(mixedRows[$0].lambda) * own[$0] + Double(1 - mixedRows[$0].lambda) * other[$0] })
        let expected = Double(clean.loss.scalarValue) + 0.5 * mixedLoss
        XCTAssertTrue(mixedRows.contains { $0.lambda < 1 }, "the spans mix something")
        XCTAssertEqual(result.loss, expected, accuracy: 1e-5 * max(1, abs(expected)))
    }
}
