import Autodiff
import BERT

/// The hidden-state mixup methods: WordMix mixes word-embedding lookups, EmbedMix embedding-layer
/// outputs, TMix and Manifold Mixup the hidden states at one layer, SenMix the pooled sentence
/// representations. Each takes two batches padded to the same length and one λ.
public enum HiddenMix {
    /// λ ~ Beta(α, α) folded to max(λ, 1 − λ) ∈ [0.5, 1], one draw per step.
    public static func drawLambda<G: RandomNumberGenerator>(alpha: Double, using rng: inout G) -> Float {
        let lambda = rng.nextBeta(alpha, alpha)
        return Float(max(lambda, 1 - lambda))
    }

    /// TMix's layer set mapped to a model of `depth` layers: the released set {7, 9, 12} (1-based, for
    /// 12 layers) scaled by depth/12 and rounded up, e.g. {4, 5, 6} for 6 layers. Mixing after layer k
    /// means layers 1…k run on both streams.
    public static func tmixLayers(depth: Int) -> [Int] {
        var layers: [Int] = []
        for k in [7, 9, 12] {
            let mapped = min(depth, max(1, (k * depth + 11) / 12))
            if !layers.contains(mapped) { layers.append(mapped) }
        }
        return layers
    }

    /// EmbedMix logits: λ·Embed(a) + (1−λ)·Embed(b), then every layer under the union of both masks.
    public static func embedMixLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        let mixed = try ctx.tape.mix(model.embed(a, ctx), model.embed(b, ctx), lambdas: [lambda])
        let union = zip(a.attentionMask, b.attentionMask).map { $0 | $1 }
        let mask = try TokenBatch.additiveMask(union, size: a.size, length: a.length)
        let hidden = try model.encode(mixed, mask: mask, layers: 0..<model.layers.count, ctx)
        return try model.classify(hidden, ctx).logits
    }

    /// Manifold Mixup's layers for a model of `depth` layers: 0 (the embedding output) … depth.
    public static func manifoldLayers(depth: Int) -> [Int] { Array(0...depth) }

    /// WordMix logits: λ·words(a) + (1−λ)·words(b), then a's position and token-type embeddings,
    /// LayerNorm, dropout and every layer under the union of both masks.
    public static func wordMixLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        let words = try ctx.tape.mix(model.embeddings.wordLookups(a, ctx), model.embeddings.wordLookups(b, ctx), lambdas: [lambda])
        let union = zip(a.attentionMask, b.attentionMask).map { $0 | $1 }
        let mask = try TokenBatch.additiveMask(union, size: a.size, length: a.length)
        let hidden = try model.encode(model.embeddings.finish(words, a, ctx), mask: mask, layers: 0..<model.layers.count, ctx)
        return try model.classify(hidden, ctx).logits
    }

    /// SenMix logits: each stream through the whole encoder and pooler under its own mask, the
    /// pooled representations mixed with λ, then dropout and the classifier.
    public static func senMixLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        let pooledA = try model.classify(model.encode(model.embed(a, ctx), mask: a.additiveMask(), layers: 0..<model.layers.count, ctx), ctx).pooled
        let pooledB = try model.classify(model.encode(model.embed(b, ctx), mask: b.additiveMask(), layers: 0..<model.layers.count, ctx), ctx).pooled
        return try model.logits(pooled: ctx.tape.mix(pooledA, pooledB, lambdas: [lambda]), ctx)
    }

    /// Manifold Mixup logits: both streams run layers 1…`mixAfter` (none for 0: the embedding
    /// output) under their own masks, are mixed with λ, and the rest runs under a's mask.
    public static func manifoldLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, mixAfter: Int,
                                      _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        guard (0...model.layers.count).contains(mixAfter) else {
            throw TensorError.invalidArgument(op: "manifold", message: "mix layer \(mixAfter) outside 0…\(model.layers.count)")
        }
        return try mixedAfterLayerLogits(model: model, a: a, b: b, lambda: lambda, mixAfter: mixAfter, ctx)
    }

    /// TMix logits: both streams run layers 1…`mixAfter` under their own masks, are mixed with λ,
    /// and the rest of the encoder runs under a's mask only.
    public static func tmixLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, mixAfter: Int, _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        guard (1...model.layers.count).contains(mixAfter) else {
            throw TensorError.invalidArgument(op: "tmix", message: "mix layer \(mixAfter) outside 1…\(model.layers.count)")
        }
        return try mixedAfterLayerLogits(model: model, a: a, b: b, lambda: lambda, mixAfter: mixAfter, ctx)
    }

    private static func mixedAfterLayerLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, mixAfter: Int,
                                              _ ctx: ForwardContext) throws -> Tensor {
        let maskA = try a.additiveMask(), maskB = try b.additiveMask()
        let hA = try model.encode(model.embed(a, ctx), mask: maskA, layers: 0..<mixAfter, ctx)
        let hB = try model.encode(model.embed(b, ctx), mask: maskB, layers: 0..<mixAfter, ctx)
        let mixed = try ctx.tape.mix(hA, hB, lambdas: [lambda])
        let hidden = try model.encode(mixed, mask: maskA, layers: mixAfter..<model.layers.count, ctx)
        return try model.classify(hidden, ctx).logits
    }

    private static func checkAligned(_ a: TokenBatch, _ b: TokenBatch) throws {
        guard a.size == b.size, a.length == b.length else {
            throw TensorError.invalidArgument(op: "hidden mix", message: "batches must have one shape, got \(a.size)×\(a.length) and \(b.size)×\(b.length)")
        }
    }
}
