import Autodiff

/// What one forward pass needs besides the weights: the tape that records it, whether dropout is
/// on (train mode), and the generator dropout draws from.
public final class ForwardContext {
    /// The tape recording this pass.
    public let tape: Tape
    /// Train mode (dropout active) or eval mode.
    public var training: Bool
    /// The dropout generator.
    public var dropoutRNG: SeededRNG

    /// A context for one or more forward passes.
    public init(tape: Tape, training: Bool, dropoutRNG: SeededRNG = SeededRNG(seed: 0)) {
        self.tape = tape; self.training = training; self.dropoutRNG = dropoutRNG
    }

    /// Attention of `[G, T, d]` heads (see ``Tape/attention(q:k:v:additiveMask:alpha:dropout:using:)``),
    /// with dropout `p` on the probabilities in train mode only.
    public func attention(q: Tensor, k: Tensor, v: Tensor, mask: Tensor, alpha: Float, dropout p: Float) throws -> Tensor {
        try tape.attention(q: q, k: k, v: v, additiveMask: mask, alpha: alpha, dropout: training ? p : 0, using: &dropoutRNG)
    }

    /// Dropout with probability `p` in train mode; the identity in eval mode.
    public func dropout(_ x: Tensor, p: Float) throws -> Tensor {
        guard training, p > 0 else { return x }
        return try tape.dropout(x, p: p, using: &dropoutRNG)
    }
}
