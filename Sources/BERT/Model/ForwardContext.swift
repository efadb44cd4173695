import Autodiff

/// The generator dropout draws from. Shared by reference: every forward pass given the same source
/// advances one stream, so no pass can replay another's masks.
public final class DropoutSource {
    /// The generator's current state.
    public var generator: SeededRNG

    /// A source that starts from `generator`.
    public init(_ generator: SeededRNG) {
        self.generator = generator
    }
}

/// What one forward pass needs besides the weights: the tape that records it, whether dropout is
/// on (train mode), the source dropout draws from, and the dense layers' product precision.
public final class ForwardContext {
    /// The tape recording this pass.
    public let tape: Tape
    /// Train mode (dropout active) or eval mode.
    public var training: Bool
    /// The dropout generator, shared with every other context of the same training run.
    public let dropoutSource: DropoutSource
    /// The number format of the dense layers' products (``Precision``).
    public let precision: Precision

    /// A context for one or more forward passes. Eval-mode passes never draw, so they may use the
    /// default source.
    public init(tape: Tape, training: Bool, dropoutSource: DropoutSource = DropoutSource(SeededRNG(seed: 0)),
                precision: Precision = .fp32) {
        self.tape = tape; self.training = training; self.dropoutSource = dropoutSource; self.precision = precision
    }

    /// Attention of `heads` heads over `[B, T, heads · d]` projections (see
    /// ``Tape/attention(q:k:v:heads:additiveMask:alpha:dropout:using:)``), with dropout `p` on the
    /// probabilities in train mode only.
    public func attention(q: Tensor, k: Tensor, v: Tensor, heads: Int, mask: Tensor, alpha: Float, dropout p: Float) throws -> Tensor {
        try tape.attention(q: q, k: k, v: v, heads: heads, additiveMask: mask, alpha: alpha, dropout: training ? p : 0, using: &dropoutSource.generator)
    }

    /// Dropout with probability `p` in train mode; the identity in eval mode.
    public func dropout(_ x: Tensor, p: Float) throws -> Tensor {
        guard training, p > 0 else { return x }
        return try tape.dropout(x, p: p, using: &dropoutSource.generator)
    }
}
