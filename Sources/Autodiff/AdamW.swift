import Foundation

/// AdamW with the semantics of transformers 3.1 (`correct_bias=True`), in Float32 like PyTorch:
///
///     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
///     p ← p − lr·sqrt(1−β2^t)/(1−β1^t) · m / (sqrt(v) + eps)     (eps on the uncorrected sqrt(v))
///     p ← p − lr·wd·p                                             (decoupled decay, after the update)
///
/// Weight decay applies only to parameters whose ``Parameter/decays`` is true. A parameter without
/// a gradient in a step is updated with a zero gradient (its moments still advance), as PyTorch does
/// once gradients exist and are zeroed rather than freed.
public final class AdamW {
    /// The optimised parameters, in a fixed order.
    public let parameters: [Parameter]
    /// Hyper-parameters, kept in Float64 like PyTorch's Python scalars (so 1 − β2 is exactly 0.001
    /// before it is rounded to Float32, as in `addcmul_(g, g, value=1-β2)`).
    public let beta1: Double, beta2: Double, eps: Double, weightDecay: Double
    /// Number of updates made so far.
    public private(set) var stepCount = 0
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]

    /// A fresh optimizer (zero moments).
    public init(parameters: [Parameter], beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 1e-4) {
        self.parameters = parameters
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.tensor.count) }
        secondMoments = firstMoments
    }

    /// One update of every parameter at learning rate `lr`.
    public func step(lr: Double) {
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = Float(lr * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let decay = Float(lr * weightDecay)
        let (b1, b2, e) = (Float(beta1), Float(beta2), Float(eps))
        let (c1, c2) = (Float(1 - beta1), Float(1 - beta2))
        for (index, parameter) in parameters.enumerated() {
            let grad = parameter.grad
            let decays = parameter.decays && weightDecay > 0
            firstMoments[index].withUnsafeMutableBufferPointer { m in
                secondMoments[index].withUnsafeMutableBufferPointer { v in
                    parameter.tensor.values.withUnsafeMutableBufferPointer { p in
                        func update(_ g: (Int) -> Float) {
                            for i in 0..<p.count {
                                let gi = g(i)
                                m[i] = b1 * m[i] + c1 * gi
                                v[i] = b2 * v[i] + c2 * gi * gi
                                p[i] -= stepSize * (m[i] / (v[i].squareRoot() + e))
                                if decays { p[i] -= decay * p[i] }
                            }
                        }
                        if let grad {
                            grad.withUnsafeBufferPointer { pg in update { pg[$0] } }
                        } else {
                            update { _ in 0 }
                        }
                    }
                }
            }
        }
    }

    /// Puts the optimizer back where a saved training state left it: the step count and every
    /// parameter's moments (same shapes as `moments(of:)` returns).
    /// - Throws: `AdamWStateError` when the counts do not match the parameters.
    public func restore(stepCount: Int, firstMoments: [[Float]], secondMoments: [[Float]]) throws {
        guard firstMoments.count == parameters.count, secondMoments.count == parameters.count,
              zip(parameters, zip(firstMoments, secondMoments)).allSatisfy({ $0.tensor.count == $1.0.count && $0.tensor.count == $1.1.count }) else {
            throw AdamWStateError()
        }
        self.stepCount = stepCount
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// The moments of one parameter (for tests and training states).
    public func moments(of index: Int) -> (first: [Float], second: [Float]) {
        (firstMoments[index], secondMoments[index])
    }
}

/// Saved optimizer moments that do not fit the model's parameters.
public struct AdamWStateError: Error, CustomStringConvertible {
    public var description: String { "the saved optimizer moments do not match the model's parameters" }
}
