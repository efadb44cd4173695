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
        let hidden = try model.encode(embedded, mask: batch.additiveMask(), layers: 0..<model.layers.count, ctx)
        let loss = try ctx.tape.crossEntropy(model.classify(hidden, ctx).logits, labels: labels)
        try ctx.tape.backward(from: loss)
        let width = model.config.hiddenSize
        let grad = embedded.grad ?? [Float](repeating: 0, count: embedded.count)
        return (0..<batch.size).map { i in
            (0..<batch.realLength(i)).map { t in
                let base = (i * batch.length + t) * width
                var sum: Float = 0
                for j in 0..<width { sum += grad[base + j] * grad[base + j] }
                return sum.squareRoot()
            }
        }
    }
}
