import Autodiff
import BERT

/// The hidden-state mixup methods: EmbedMix mixes embedding-layer outputs, TMix mixes the hidden
/// states after one encoder layer. Both take two batches padded to the same length and one λ.
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

    /// TMix logits: both streams run layers 1…`mixAfter` under their own masks, are mixed with λ,
    /// and the rest of the encoder runs under a's mask only.
    public static func tmixLogits(model: BertClassifier, a: TokenBatch, b: TokenBatch, lambda: Float, mixAfter: Int, _ ctx: ForwardContext) throws -> Tensor {
        try checkAligned(a, b)
        guard (1...model.layers.count).contains(mixAfter) else {
            throw TensorError.invalidArgument(op: "tmix", message: "mix layer \(mixAfter) outside 1…\(model.layers.count)")
        }
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
