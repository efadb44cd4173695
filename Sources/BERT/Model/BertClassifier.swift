import Autodiff

/// BERT for sequence classification: embeddings, encoder layers, tanh pooler over [CLS], dropout
/// and a linear classifier (HuggingFace's `BertForSequenceClassification`).
///
/// The pieces are exposed separately for the mixup methods: ``embed(_:_:)`` gives the
/// embedding-layer output (SSMix takes saliency with respect to it, EmbedMix mixes it),
/// ``encode(_:mask:layers:_:)`` runs a range of layers on given hidden states (TMix), and
/// ``classify(_:_:)`` turns final hidden states into logits.
public final class BertClassifier {
    public let config: BertConfig
    public let embeddings: BertEmbeddings
    public let layers: [BertLayer]
    public let pooler: Linear
    public let head: Linear
    /// Number of output classes.
    public var numLabels: Int { head.bias.shape[0] }
    /// Every parameter, in a fixed order (embeddings, layers, pooler, classifier), named as in HuggingFace.
    public let parameters: [Parameter]

    /// A model with every weight drawn N(0, `std`) (biases 0, LayerNorm 1/0); `std == 0` gives zeros,
    /// for weights that are loaded right after. The classifier head is always drawn N(0, 0.02) from `headRNG`.
    public init(config: BertConfig, numLabels: Int, std: Float = 0.02, seed: UInt64 = 0, headRNG: SeededRNG) throws {
        self.config = config
        var rng = SeededRNG(seed: seed)
        embeddings = try BertEmbeddings(config, std: std, rng: &rng)
        layers = try (0..<config.numHiddenLayers).map { try BertLayer(config, index: $0, std: std, rng: &rng) }
        pooler = try Linear("pooler.dense", input: config.hiddenSize, output: config.hiddenSize, std: std, rng: &rng)
        var headRNG = headRNG
        head = try Linear("classifier", input: config.hiddenSize, output: numLabels, std: 0.02, rng: &headRNG)
        parameters = embeddings.parameters + layers.flatMap(\.parameters) + pooler.parameters + head.parameters
    }

    /// The embedding-layer output `[B, T, H]` (after LayerNorm and dropout).
    public func embed(_ batch: TokenBatch, _ ctx: ForwardContext) throws -> Tensor {
        try embeddings(batch, ctx)
    }

    /// Runs encoder layers `layers` (0-based) on hidden states `[B, T, H]` with the additive mask `[B, T]`.
    public func encode(_ hidden: Tensor, mask: Tensor, layers range: Range<Int>, _ ctx: ForwardContext) throws -> Tensor {
        var h = hidden
        for index in range { h = try layers[index](h, mask: mask, ctx) }
        return h
    }

    /// Pooler (tanh of a dense layer over the [CLS] position) then dropout and the classifier.
    /// Returns the pooled output `[B, H]` and the logits `[B, labels]`.
    public func classify(_ hidden: Tensor, _ ctx: ForwardContext) throws -> (pooled: Tensor, logits: Tensor) {
        let t = ctx.tape
        let cls = try t.reshape(t.slice(hidden, axis: 1, range: 0..<1), [hidden.shape[0], hidden.shape[2]])
        let pooled = try t.tanh(pooler(cls, ctx))
        return (pooled, try logits(pooled: pooled, ctx))
    }

    /// Dropout and the classifier over pooled representations `[B, H]` (what SenMix mixes).
    public func logits(pooled: Tensor, _ ctx: ForwardContext) throws -> Tensor {
        try head(ctx.dropout(pooled, p: config.hiddenDropoutProb), ctx)
    }

    /// The whole forward pass: logits `[B, labels]` for a batch.
    public func logits(_ batch: TokenBatch, _ ctx: ForwardContext) throws -> Tensor {
        let hidden = try encode(embed(batch, ctx), mask: batch.additiveMask(), layers: 0..<layers.count, ctx)
        return try classify(hidden, ctx).logits
    }
}
