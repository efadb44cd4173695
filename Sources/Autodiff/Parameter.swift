/// A trainable tensor with its HuggingFace-style name (e.g. `encoder.layer.0.attention.self.query.weight`).
public final class Parameter {
    /// The parameter's name, used for weight loading, checkpoints and the weight-decay rule.
    public let name: String
    /// The values; a leaf that asks for a gradient while the tape computes parameter gradients.
    public let tensor: Tensor

    /// A parameter with the given shape and values.
    public init(name: String, shape: [Int], values: [Float]) throws {
        guard values.count == shape.product else { throw TensorError.countMismatch(shape: shape, count: values.count) }
        self.name = name
        self.tensor = Tensor(unchecked: shape, values: values, requiresGrad: true, isParameter: true)
    }

    /// The parameter's shape.
    public var shape: [Int] { tensor.shape }

    /// Whether decoupled weight decay applies: every parameter except biases and LayerNorm weights
    /// (the released code's rule: the name contains neither "bias" nor "LayerNorm.weight").
    public var decays: Bool { !(name.contains("bias") || name.contains("LayerNorm.weight")) }

    /// Replaces the values (same count), e.g. when loading weights.
    public func assign(_ values: [Float]) throws {
        guard values.count == tensor.count else {
            throw TensorError.shapeMismatch(op: "assign \(name)", expected: "\(tensor.shape)", got: [values.count])
        }
        tensor.values = values
    }

    /// The gradient from the last backward, if any reached this parameter.
    public var grad: [Float]? { tensor.grad }

    /// Forgets the gradient.
    public func zeroGrad() { tensor.zeroGrad() }
}

extension Array where Element == Parameter {
    /// The global L2 norm of all gradients (absent gradients count as zero). Squares are summed in
    /// 16 Float32 lanes over fixed blocks, the blocks in Float64 in order: the same value on any
    /// number of threads.
    public func gradientNorm() -> Double {
        var sum: Double = 0
        for p in self {
            guard let g = p.grad else { continue }
            sum += g.withUnsafeBufferPointer { pg in
                parallelBlockSum(pg.count) { range in
                    let start = pg.baseAddress! + range.lowerBound
                    return Double(laneSum(range.count) { i, valid in
                        let x = start.lanes(at: i, valid: valid)
                        return x * x
                    })
                }
            }
        }
        return sum.squareRoot()
    }

    /// Scales all gradients so that their global norm, `norm` (``gradientNorm()``), is at most
    /// `maxNorm` (PyTorch's `clip_grad_norm_`: factor maxNorm / (norm + 1e-6) when below 1).
    public func clipGradients(maxNorm: Double, norm: Double) {
        let factor = Float(maxNorm / (norm + 1e-6))
        guard factor < 1 else { return }
        for p in self where p.grad != nil {
            p.tensor.accumulateGrad { g in for i in 0..<g.count { g[i] *= factor } }
        }
    }

    /// Forgets every gradient.
    public func zeroGradients() { forEach { $0.zeroGrad() } }
}
