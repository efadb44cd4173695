import Autodiff
import BERT

/// SSMix saliency: for each token, the L2 norm of the gradient of the gold-label cross-entropy
/// (mean over the batch) with respect to the embedding-layer output at that position.
///
/// The embedding output is cut from its history and made the only leaf that asks for a gradient,
/// and the tape computes no parameter gradients, so backward skips every weight-gradient product.
/// The released code normalises by sqrt(hidden) and by the per-example maximum; both are positive
/// per-example scales that change no window ranking, so the plain norm is returned.
public enum Saliency {
    /// Per-example saliency over each example's real tokens (`batch.realLength(i)` values each).
    /// `ctx` decides train or eval mode; its tape must not compute parameter gradients.
    public static func compute(model: BertClassifier, batch: TokenBatch, labels: [Int32], _ ctx: ForwardContext) throws -> [[Float]] {
        precondition(!ctx.tape.computesParameterGradients, "saliency passes must not compute weight gradients")
        let embedded = try model.embed(batch, ctx).detached(requiresGrad: true)
        return try backward(from: embedded, model: model, batch: batch, labels: labels, lossScale: 1, ctx).saliency
    }

    /// The clean half of a shared-saliency step (``SaliencyMode/shared``): forward `batch`, backward
    /// `lossScale · mean CE` (adding into the parameter gradients when the tape computes them), and
    /// each real token's saliency read from the gradient that backward leaves on the embedding
    /// output. Returns the scaled loss and the saliency (the gradient of the scaled loss, the same
    /// ranking as ``compute(model:batch:labels:_:)`` on the same weights and dropout noise).
    public static func cleanPass(model: BertClassifier, batch: TokenBatch, labels: [Int32], lossScale: Float,
                                 _ ctx: ForwardContext) throws -> (loss: Tensor, saliency: [[Float]]) {
        let embedded = try model.embed(batch, ctx)
        embedded.retainsGrad = true
        return try backward(from: embedded, model: model, batch: batch, labels: labels, lossScale: lossScale, ctx)
    }

    /// Runs the encoder and head on the embedding output `embedded`, backward from
    /// `lossScale · mean CE`, and reads each real token's saliency from `embedded`'s gradient.
    private static func backward(from embedded: Tensor, model: BertClassifier, batch: TokenBatch, labels: [Int32],
                                 lossScale: Float, _ ctx: ForwardContext) throws -> (loss: Tensor, saliency: [[Float]]) {
        let hidden = try model.encode(embedded, mask: batch.additiveMask(), layers: 0..<model.layers.count, ctx)
        let loss = try ctx.tape.scale(ctx.tape.crossEntropy(model.classify(hidden, ctx).logits, labels: labels), lossScale)
        try ctx.tape.backward(from: loss)
        return (loss, tokenNorms(gradient: embedded.grad ?? [Float](repeating: 0, count: embedded.count), batch: batch,
                                 width: model.config.hiddenSize))
    }

    /// The L2 norm of each real token's gradient row, per example, from a gradient `[B, T, width]`
    /// with respect to `batch`'s embedding output.
    public static func tokenNorms(gradient: [Float], batch: TokenBatch, width: Int) -> [[Float]] {
        (0..<batch.size).map { i in
            (0..<batch.realLength(i)).map { t in
                let base = (i * batch.length + t) * width
                var sum: Float = 0
                for j in 0..<width { sum += gradient[base + j] * gradient[base + j] }
                return sum.squareRoot()
            }
        }
    }

    /// Shared saliency's rule for pairs: a packed pair `[CLS] a [SEP] b [SEP]`'s per-token saliency
    /// split like ``PairSegments/split(_:)`` splits its tokens. The left segment `[CLS] a [SEP]` takes
    /// the values of the type-0 positions; the right segment `[CLS] b [SEP]` takes the `[CLS]` value
    /// and then those of the type-1 positions. (The `[CLS]` value only enters windows that start at
    /// 0, which the window rule excludes.)
    public static func pairSegments(_ saliency: [Float], of packed: TokenRow) -> (left: [Float], right: [Float]) {
        var left: [Float] = [], right: [Float] = saliency.first.map { [$0] } ?? []
        for (value, type) in zip(saliency, packed.types) {
            if type == 1 { right.append(value) } else { left.append(value) }
        }
        return (left, right)
    }
}
