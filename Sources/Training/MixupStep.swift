import Autodiff
import BERT
import Mixup
import Records
import TextData

/// One step of a mixup stage (reference §3.5): the shuffled batch is split into halves A and B,
/// and the loss is the mean of CE(A), CE(B) and the label-weighted CE of mix(A←B) and mix(B←A),
/// with one backward and one optimizer step.
///
/// The four terms are computed as two forward passes of the whole batch: the clean rows [A; B]
/// (mean CE over them = (CE(A) + CE(B))/2) and the mixed rows [mix(A←B); mix(B←A)] (mean weighted
/// CE = (L_AB + L_BA)/2); their average is the released code's mean of four.
public final class MixupStep: StageStep {
    public let method: MixMethod
    public let settings: MixSettings
    public let isPair: Bool
    /// Replicate the released code's pair length-aliasing quirk (``TrainingProtocol/aliasesPairLengths``).
    public let lengthAliasing: Bool
    /// `[UNK]` and `[SEP]` in the model's vocabulary (UNK writes one, capped segments end with the other).
    public let specialTokens: SpecialTokens
    private var random: SeededMixRandom<SeededRNG>
    /// EmbedMix / TMix: the λ (and TMix's layer) the latest step drew.
    public private(set) var lastHiddenDraw: HiddenMixDraw?
    /// Called with (target, mixed row) for the first examples of the first step (`--show-examples`).
    private var exampleSink: ((TokenRow, MixedRow) -> Void)?
    /// Hidden-state methods: called with (A, B, the draw, where it mixed) for the first pair of the first step.
    private var drawSink: ((TokenRow, TokenRow, HiddenMixDraw, String) -> Void)?
    private var examplesToShow: Int

    /// A step for `method`, drawing every random choice (λ, layers, spans, positions) from `rng`.
    public init(method: MixMethod, settings: MixSettings, isPair: Bool, lengthAliasing: Bool, specialTokens: SpecialTokens, rng: SeededRNG,
                showExamples: Int = 0, exampleSink: ((TokenRow, MixedRow) -> Void)? = nil,
                drawSink: ((TokenRow, TokenRow, HiddenMixDraw, String) -> Void)? = nil) {
        self.method = method
        self.settings = settings
        self.isPair = isPair
        self.lengthAliasing = lengthAliasing
        self.specialTokens = specialTokens
        random = SeededMixRandom(generator: rng)
        examplesToShow = showExamples
        self.exampleSink = exampleSink
        self.drawSink = drawSink
    }

    /// The generator every mixup draw comes from, as it is now.
    public var randomState: SeededRNG? { random.generator }

    /// Continues the draws from a saved training state.
    public func restoreRandomState(_ state: SeededRNG) {
        random.generator = state
    }

    public func step(_ batch: [EncodedExample], _ optimization: Optimization) throws -> StepResult {
        let half = batch.count / 2
        guard half > 0 else { throw TrainingError.invalidSetting("a mixup step needs at least 2 examples in a batch") }
        let a = batch[0..<half].map(Self.row), b = batch[half..<(2 * half)].map(Self.row)
        let labelsA = batch[0..<half].map(\.label), labelsB = batch[half..<(2 * half)].map(\.label)
        if method.needsSaliency && settings.saliency == .shared {
            return try sharedSaliencyStep(a: a, b: b, labelsA: labelsA, labelsB: labelsB, optimization)
        }
        optimization.zeroGradients()
        let ctx = optimization.makeContext()
        let clean = try ctx.tape.crossEntropy(optimization.model.logits(Self.batch(a + b), ctx), labels: labelsA + labelsB)
        let mixedLoss: Tensor
        if method.mixesHiddenStates {
            mixedLoss = try hiddenMixLoss(a: a, b: b, labelsA: labelsA, labelsB: labelsB, optimization, ctx.tape)
        } else {
            mixedLoss = try inputMixLoss(a: a, b: b, labelsA: labelsA, labelsB: labelsB, optimization, ctx.tape)
        }
        let loss = try ctx.tape.scale(ctx.tape.add(clean, mixedLoss), 0.5)
        try optimization.backward(from: loss, on: ctx.tape)
        var result = optimization.step(loss: Double(loss.scalarValue))
        if method.drawsLayer { result.mixLayer = lastHiddenDraw?.layer }
        return result
    }

    /// WordMix, EmbedMix, TMix, Manifold Mixup and SenMix: one λ (and layer) per step for both
    /// directions; the rows [A; B] mixed with [B; A].
    private func hiddenMixLoss(a: [TokenRow], b: [TokenRow], labelsA: [Int32], labelsB: [Int32],
                               _ optimization: Optimization, _ tape: Tape) throws -> Tensor {
        let lambda = HiddenMix.drawLambda(alpha: settings.alpha, using: &random.generator)
        let first = Self.batch(a + b), second = Self.batch(b + a)
        let ctx = optimization.context(on: tape), model = optimization.model
        var layer: Int?
        if method.drawsLayer {
            let layers = method == .manifold ? HiddenMix.manifoldLayers(depth: model.layers.count)
                : settings.tmixLayers ?? HiddenMix.tmixLayers(depth: model.layers.count)
            layer = layers[random.randrange(0, layers.count)]
        }
        lastHiddenDraw = HiddenMixDraw(lambda: lambda, layer: layer)
        let logits: Tensor
        switch (method, layer) {
        case (.tmix, let layer?): logits = try HiddenMix.tmixLogits(model: model, a: first, b: second, lambda: lambda, mixAfter: layer, ctx)
        case (.manifold, let layer?): logits = try HiddenMix.manifoldLogits(model: model, a: first, b: second, lambda: lambda, mixAfter: layer, ctx)
        case (.wordmix, _): logits = try HiddenMix.wordMixLogits(model: model, a: first, b: second, lambda: lambda, ctx)
        case (.senmix, _): logits = try HiddenMix.senMixLogits(model: model, a: first, b: second, lambda: lambda, ctx)
        default: logits = try HiddenMix.embedMixLogits(model: model, a: first, b: second, lambda: lambda, ctx)
        }
        showHiddenDraw(first: a.first, second: b.first, lambda: lambda, layer: layer)
        return try tape.weightedCrossEntropy(logits, labels: labelsA + labelsB, otherLabels: labelsB + labelsA,
                                             lambdas: [Float](repeating: lambda, count: 2 * a.count))
    }

    /// SSMix, its ablations and UNK: build mix(A←B) and mix(B←A) as token rows, then one forward.
    private func inputMixLoss(a: [TokenRow], b: [TokenRow], labelsA: [Int32], labelsB: [Int32],
                              _ optimization: Optimization, _ tape: Tape) throws -> Tensor {
        var mixedAB: [MixedRow] = [], mixedBA: [MixedRow] = []
        if method.needsSaliency {
            (mixedAB, mixedBA) = try saliencyMixes(a: a, b: b, labelsA: labelsA, labelsB: labelsB, optimization)
            optimization.training = true   // the released saliency routine leaves the model in train mode
        } else {
            guard let mixer = RandomMixer(method: method, windowPercent: settings.windowPercent, unkPercent: settings.windowPercent,
                                          specialTokens: specialTokens) else {
                throw TrainingError.invalidSetting("\(method.rawValue) is not an input-level mixup method")
            }
            for i in a.indices {
                if isPair {
                    let result = mixer.mixPair(a: a[i], b: b[i], random: &random)
                    mixedAB.append(result.ab.merged); mixedBA.append(result.ba.merged)
                } else {
                    mixedAB.append(mixer.mix(target: a[i], source: b[i], random: &random))
                }
            }
            if !isPair { for i in a.indices { mixedBA.append(mixer.mix(target: b[i], source: a[i], random: &random)) } }
        }
        show(targets: a, mixed: mixedAB)
        return try mixedLoss(mixedAB, mixedBA, labelsA: labelsA, labelsB: labelsB, optimization, tape: tape)
    }

    /// The label-weighted CE of the mixed rows [mix(A←B); mix(B←A)] in one forward pass on `tape`:
    /// (L_AB + L_BA) / 2, λ weighing A's label in the first half and B's in the second.
    func mixedLoss(_ mixedAB: [MixedRow], _ mixedBA: [MixedRow], labelsA: [Int32], labelsB: [Int32],
                   _ optimization: Optimization, tape: Tape) throws -> Tensor {
        let rows = mixedAB + mixedBA
        let logits = try optimization.model.logits(Self.batch(rows.map(\.row)), optimization.context(on: tape))
        return try tape.weightedCrossEntropy(logits, labels: labelsA + labelsB, otherLabels: labelsB + labelsA, lambdas: rows.map(\.lambda))
    }

    /// SSMix of single sentences in one direction: each target mixed with its source, given both
    /// saliencies.
    func spanMixes(targets: [TokenRow], sources: [TokenRow], targetSaliency: [[Float]], sourceSaliency: [[Float]]) throws -> [MixedRow] {
        let mixer = SaliencySpanMix(windowPercent: settings.windowPercent, specialTokens: specialTokens)
        return try targets.indices.map {
            try mixer.mix(target: targets[$0], source: sources[$0], targetSaliency: targetSaliency[$0], sourceSaliency: sourceSaliency[$0])
        }
    }

    /// SSMix of pairs in both directions, given each direction's segment saliency.
    func pairSpanMixes(a: [TokenRow], b: [TokenRow], saliencyAB: [PairSaliency], saliencyBA: [PairSaliency]) throws -> ([MixedRow], [MixedRow]) {
        let mixer = SaliencySpanMix(windowPercent: settings.windowPercent, specialTokens: specialTokens)
        let results = try a.indices.map {
            try mixer.mixPair(a: a[$0], b: b[$0], saliencyAB: saliencyAB[$0], saliencyBA: saliencyBA[$0], lengthAliasing: lengthAliasing)
        }
        return (results.map(\.ab.merged), results.map(\.ba.merged))
    }

    /// SSMix with saliency. Each direction takes its own saliency pass in train mode (new dropout
    /// noise), as the released code does; for pairs each segment is scored on its own.
    private func saliencyMixes(a: [TokenRow], b: [TokenRow], labelsA: [Int32], labelsB: [Int32],
                               _ optimization: Optimization) throws -> ([MixedRow], [MixedRow]) {
        func saliency(_ targets: [TokenRow], _ sources: [TokenRow], _ targetLabels: [Int32], _ sourceLabels: [Int32]) throws -> ([[Float]], [[Float]]) {
            let ctx = optimization.makeContext(computesParameterGradients: false)
            ctx.training = true
            let values = try Saliency.compute(model: optimization.model, batch: Self.batch(targets + sources),
                                              labels: targetLabels + sourceLabels, ctx)
            return (Array(values[0..<targets.count]), Array(values[targets.count...]))
        }
        if !isPair {
            let (salA, salB) = try saliency(a, b, labelsA, labelsB)
            let ab = try spanMixes(targets: a, sources: b, targetSaliency: salA, sourceSaliency: salB)
            let (salB2, salA2) = try saliency(b, a, labelsB, labelsA)
            return (ab, try spanMixes(targets: b, sources: a, targetSaliency: salB2, sourceSaliency: salA2))
        }
        let cap = PairSegments.segmentMaxLength, sep = specialTokens.sep
        let splitA = a.map(PairSegments.split), splitB = b.map(PairSegments.split)
        func direction(_ targets: [SegmentPair], _ sources: [SegmentPair], _ targetLabels: [Int32], _ sourceLabels: [Int32]) throws -> [PairSaliency] {
            let (tl, sl) = try saliency(targets.map { $0.left.capped(at: cap, sep: sep) }, sources.map(\.left), targetLabels, sourceLabels)
            let (tr, sr) = try saliency(targets.map { $0.right.capped(at: cap, sep: sep) }, sources.map(\.right), targetLabels, sourceLabels)
            return targets.indices.map { PairSaliency(targetLeft: tl[$0], targetRight: tr[$0], sourceLeft: sl[$0], sourceRight: sr[$0]) }
        }
        let ab = try direction(splitA, splitB, labelsA, labelsB), ba = try direction(splitB, splitA, labelsB, labelsA)
        return try pairSpanMixes(a: a, b: b, saliencyAB: ab, saliencyBA: ba)
    }

    /// Where a hidden-state method mixes, in words.
    func mixPoint(layer: Int?) -> String {
        switch method {
        case .wordmix: return "the word embeddings"
        case .embedmix: return "the embedding output"
        case .senmix: return "the pooled representation"
        default: return layer.map { $0 == 0 ? "the embedding output (layer 0)" : "the output of layer \($0)" } ?? "?"
        }
    }

    private func showHiddenDraw(first: TokenRow?, second: TokenRow?, lambda: Float, layer: Int?) {
        guard examplesToShow > 0, let sink = drawSink, let first, let second else { return }
        sink(first, second, HiddenMixDraw(lambda: lambda, layer: layer), mixPoint(layer: layer))
        examplesToShow = 0
    }

    func show(targets: [TokenRow], mixed: [MixedRow]) {
        guard examplesToShow > 0, let sink = exampleSink else { return }
        for (target, row) in zip(targets, mixed).prefix(examplesToShow) { sink(target, row) }
        examplesToShow = 0
    }

    private static func row(_ example: EncodedExample) -> TokenRow { TokenRow(ids: example.inputIds, types: example.tokenTypeIds) }

    static func batch(_ rows: [TokenRow]) -> TokenBatch { TokenBatch(examples: rows.map { ($0.ids, $0.types) }) }
}

/// What a hidden-state mixup step drew: λ, and for TMix and Manifold Mixup the layer after which
/// it mixed (1-based; 0 is the embedding output).
public struct HiddenMixDraw: Equatable, Sendable {
    public var lambda: Float
    public var layer: Int?
}
