import Autodiff

/// A dense layer `y = x·Wᵀ + b` with PyTorch's `[out, in]` weight layout.
public struct Linear {
    public let weight: Parameter
    public let bias: Parameter

    /// A layer named `prefix` (`prefix.weight`, `prefix.bias`), weights N(0, std), bias 0.
    init<G: RandomNumberGenerator>(_ prefix: String, input: Int, output: Int, std: Float, rng: inout G) throws {
        weight = try Parameter(name: "\(prefix).weight", shape: [output, input],
                               values: (0..<(output * input)).map { _ in std > 0 ? Float(rng.nextGaussian()) * std : 0 })
        bias = try Parameter(name: "\(prefix).bias", shape: [output], values: [Float](repeating: 0, count: output))
    }

    /// `[..., in] → [..., out]`.
    public func callAsFunction(_ x: Tensor, _ ctx: ForwardContext) throws -> Tensor {
        try ctx.tape.linear(x, weight: weight.tensor, bias: bias.tensor, precision: ctx.precision)
    }

    var parameters: [Parameter] { [weight, bias] }
}

/// LayerNorm with learned scale and shift (`prefix.weight`, `prefix.bias`).
public struct LayerNormLayer {
    public let gamma: Parameter
    public let beta: Parameter
    public let eps: Float

    init(_ prefix: String, size: Int, eps: Float) throws {
        gamma = try Parameter(name: "\(prefix).weight", shape: [size], values: [Float](repeating: 1, count: size))
        beta = try Parameter(name: "\(prefix).bias", shape: [size], values: [Float](repeating: 0, count: size))
        self.eps = eps
    }

    /// Normalises the last axis.
    public func callAsFunction(_ x: Tensor, _ ctx: ForwardContext) throws -> Tensor {
        try ctx.tape.layerNorm(x, gamma: gamma.tensor, beta: beta.tensor, eps: eps)
    }

    var parameters: [Parameter] { [gamma, beta] }
}

/// BERT's embedding layer: word + position + token-type embeddings, LayerNorm, dropout.
/// `TokenBatch [B, T] → [B, T, H]`.
public struct BertEmbeddings {
    public let words: Parameter, positions: Parameter, tokenTypes: Parameter
    public let norm: LayerNormLayer
    let dropout: Float

    init<G: RandomNumberGenerator>(_ config: BertConfig, std: Float, rng: inout G) throws {
        func table(_ name: String, _ rows: Int) throws -> Parameter {
            try Parameter(name: "embeddings.\(name).weight", shape: [rows, config.hiddenSize],
                          values: (0..<(rows * config.hiddenSize)).map { _ in std > 0 ? Float(rng.nextGaussian()) * std : 0 })
        }
        words = try table("word_embeddings", config.vocabSize)
        positions = try table("position_embeddings", config.maxPositionEmbeddings)
        tokenTypes = try table("token_type_embeddings", config.typeVocabSize)
        norm = try LayerNormLayer("embeddings.LayerNorm", size: config.hiddenSize, eps: config.layerNormEps)
        dropout = config.hiddenDropoutProb
    }

    /// The embedding-layer output for a batch.
    public func callAsFunction(_ batch: TokenBatch, _ ctx: ForwardContext) throws -> Tensor {
        try finish(wordLookups(batch, ctx), batch, ctx)
    }

    /// The word-embedding lookups of a batch, `[B, T, H]`, before anything is added (what WordMix mixes).
    public func wordLookups(_ batch: TokenBatch, _ ctx: ForwardContext) throws -> Tensor {
        try ctx.tape.embedding(words.tensor, ids: batch.inputIds, outerShape: [batch.size, batch.length])
    }

    /// `words` plus the position and `batch`'s token-type embeddings, then LayerNorm and dropout.
    public func finish(_ words: Tensor, _ batch: TokenBatch, _ ctx: ForwardContext) throws -> Tensor {
        let t = ctx.tape, outer = [batch.size, batch.length]
        let positionIds = (0..<batch.size).flatMap { _ in (0..<batch.length).map(Int32.init) }
        let sum = try t.add(t.add(words, t.embedding(positions.tensor, ids: positionIds, outerShape: outer)),
                            t.embedding(tokenTypes.tensor, ids: batch.tokenTypeIds, outerShape: outer))
        return try ctx.dropout(norm(sum, ctx), p: dropout)
    }

    var parameters: [Parameter] { [words, positions, tokenTypes] + norm.parameters }
}

/// One encoder layer: multi-head self-attention with an additive key mask, then a GELU
/// feed-forward block, each followed by dropout, a residual connection and LayerNorm.
/// `[B, T, H] → [B, T, H]`.
public struct BertLayer {
    public let query: Linear, key: Linear, value: Linear, attentionOutput: Linear
    public let attentionNorm: LayerNormLayer
    public let intermediate: Linear, output: Linear
    public let outputNorm: LayerNormLayer
    let heads: Int, hiddenDropout: Float, attentionDropout: Float

    init<G: RandomNumberGenerator>(_ config: BertConfig, index: Int, std: Float, rng: inout G) throws {
        let p = "encoder.layer.\(index)", h = config.hiddenSize, i = config.intermediateSize
        query = try Linear("\(p).attention.self.query", input: h, output: h, std: std, rng: &rng)
        key = try Linear("\(p).attention.self.key", input: h, output: h, std: std, rng: &rng)
        value = try Linear("\(p).attention.self.value", input: h, output: h, std: std, rng: &rng)
        attentionOutput = try Linear("\(p).attention.output.dense", input: h, output: h, std: std, rng: &rng)
        attentionNorm = try LayerNormLayer("\(p).attention.output.LayerNorm", size: h, eps: config.layerNormEps)
        intermediate = try Linear("\(p).intermediate.dense", input: h, output: i, std: std, rng: &rng)
        output = try Linear("\(p).output.dense", input: i, output: h, std: std, rng: &rng)
        outputNorm = try LayerNormLayer("\(p).output.LayerNorm", size: h, eps: config.layerNormEps)
        heads = config.numAttentionHeads
        hiddenDropout = config.hiddenDropoutProb
        attentionDropout = config.attentionProbsDropoutProb
    }

    /// `mask` is the additive key mask `[B, T]`.
    public func callAsFunction(_ x: Tensor, mask: Tensor, _ ctx: ForwardContext) throws -> Tensor {
        let t = ctx.tape
        let d = x.shape[2] / heads
        let context = try ctx.attention(q: query(x, ctx), k: key(x, ctx), v: value(x, ctx), heads: heads, mask: mask,
                                        alpha: 1 / Float(d).squareRoot(), dropout: attentionDropout)
        let attended = try attentionNorm(t.add(ctx.dropout(attentionOutput(context, ctx), p: hiddenDropout), x), ctx)
        let expanded = try t.gelu(intermediate(attended, ctx))
        return try outputNorm(t.add(ctx.dropout(output(expanded, ctx), p: hiddenDropout), attended), ctx)
    }

    var parameters: [Parameter] {
        query.parameters + key.parameters + value.parameters + attentionOutput.parameters + attentionNorm.parameters
            + intermediate.parameters + output.parameters + outputNorm.parameters
    }
}
