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

    /// One update of every parameter at learning rate `lr`: 16 lanes at a time, large parameters
    /// split over the compute threads. Each element sees the same Float32 operations in the same
    /// order as the formula above, so the result does not depend on the lanes or the threads.
    public func step(lr: Double) {
        stepCount += 1
        let t = Double(stepCount)
        let rule = UpdateRule(stepSize: Float(lr * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))),
                              beta1: Float(beta1), beta2: Float(beta2), oneMinusBeta1: Float(1 - beta1),
                              oneMinusBeta2: Float(1 - beta2), eps: Float(eps))
        let decayRate = Float(lr * weightDecay)
        for (index, parameter) in parameters.enumerated() {
            let decay: Float? = parameter.decays && weightDecay > 0 ? decayRate : nil
            let grad = parameter.grad
            firstMoments[index].withUnsafeMutableBufferPointer { m in
                secondMoments[index].withUnsafeMutableBufferPointer { v in
                    parameter.tensor.values.withUnsafeMutableBufferPointer { p in
                        func update(_ g: UnsafePointer<Float>?) {
                            parallelRanges(p.count) { range in
                                rule.apply(range, values: p.baseAddress!, first: m.baseAddress!, second: v.baseAddress!,
                                           gradient: g, decay: decay)
                            }
                        }
                        if let grad { grad.withUnsafeBufferPointer { update($0.baseAddress!) } } else { update(nil) }
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

/// The Float32 constants of one AdamW update.
private struct UpdateRule {
    let stepSize: Float, beta1: Float, beta2: Float, oneMinusBeta1: Float, oneMinusBeta2: Float, eps: Float

    /// Updates the moments and values of `range`; a nil `gradient` counts as zero, a nil `decay`
    /// skips weight decay.
    @inline(__always)
    func apply(_ range: Range<Int>, values p: UnsafeMutablePointer<Float>, first m: UnsafeMutablePointer<Float>,
               second v: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>?, decay: Float?) {
        forEachLanes(range.count) { offset, valid in
            let i = range.lowerBound + offset
            let gi = g?.lanes(at: i, valid: valid) ?? Float16Lanes()
            let mi = beta1 * UnsafePointer(m).lanes(at: i, valid: valid) + oneMinusBeta1 * gi
            let vi = beta2 * UnsafePointer(v).lanes(at: i, valid: valid) + oneMinusBeta2 * gi * gi
            var pi = UnsafePointer(p).lanes(at: i, valid: valid)
            pi -= stepSize * (mi / (vi.squareRoot() + eps))
            if let decay { pi -= decay * pi }
            m.store(mi, at: i, valid: valid)
            v.store(vi, at: i, valid: valid)
            p.store(pi, at: i, valid: valid)
        }
    }
}

/// Saved optimizer moments that do not fit the model's parameters.
public struct AdamWStateError: Error, CustomStringConvertible {
    public var description: String { "the saved optimizer moments do not match the model's parameters" }
}
