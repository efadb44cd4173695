import Autodiff
import BERT
import Records

/// What one optimizer step did.
public struct StepResult: Equatable, Sendable {
    /// The learning rate the update used.
    public var learningRate: Double
    /// TMix and Manifold Mixup: the layer this step mixed at.
    public var mixLayer: Int?
    /// The loss before the update.
    public var loss: Double
    /// The global L2 norm of the gradients before any clipping.
    public var gradientNorm: Double
}

/// Optimizer settings of one training stage.
public struct OptimizerSettings: Codable, Equatable, Sendable {
    public var learningRate: Double
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var eps: Double = 1e-8
    public var weightDecay: Double = 1e-4
    /// Clip the gradient norm to this after backward (`--protocol fixed`); nil: no clipping (paper).
    public var clipNorm: Double?

    /// Settings with the released code's defaults and the given learning rate.
    public init(learningRate: Double, clipNorm: Double? = nil) {
        self.learningRate = learningRate
        self.clipNorm = clipNorm
    }
}

/// The model, its optimizer and schedule, train/eval mode and the dropout source: everything a
/// training step changes. Every step reads top to bottom as ``zeroGradients()``, forward passes on
/// contexts from ``makeContext(computesParameterGradients:)``, ``backward(from:on:)`` (once or more;
/// gradients add up), then ``step(loss:)``.
public final class Optimization {
    public let model: BertClassifier
    public let optimizer: AdamW
    public let schedule: LinearWarmupSchedule
    public let settings: OptimizerSettings
    /// Train mode (dropout on) for the next forward passes.
    public var training = true
    /// The one dropout stream of the stage, advanced by every forward pass in train mode.
    public let dropoutSource: DropoutSource
    /// The number format of the dense layers' products in every pass of the stage.
    public let precision: Precision
    /// Optimizer steps taken so far.
    public var stepsTaken: Int { optimizer.stepCount }

    /// A fresh AdamW and schedule over `totalSteps` (warm-up `warmupSteps`) for `model`; its passes'
    /// products in `precision`.
    public init(model: BertClassifier, settings: OptimizerSettings, totalSteps: Int, warmupSteps: Int, dropoutRNG: SeededRNG,
                precision: Precision = .fp32) {
        self.precision = precision
        self.model = model
        self.settings = settings
        optimizer = AdamW(parameters: model.parameters, beta1: settings.beta1, beta2: settings.beta2,
                          eps: settings.eps, weightDecay: settings.weightDecay)
        schedule = LinearWarmupSchedule(baseLR: settings.learningRate, totalSteps: totalSteps, warmupSteps: warmupSteps)
        dropoutSource = DropoutSource(dropoutRNG)
    }

    /// A forward context on a new tape, in the current mode, drawing from the stage's dropout source.
    public func makeContext(computesParameterGradients: Bool = true) -> ForwardContext {
        context(on: Tape(computesParameterGradients: computesParameterGradients))
    }

    /// A forward context on `tape` (a further pass recorded on a tape that already holds one).
    public func context(on tape: Tape) -> ForwardContext {
        ForwardContext(tape: tape, training: training, dropoutSource: dropoutSource, precision: precision)
    }

    /// Clears every parameter's gradient: the start of a step.
    public func zeroGradients() {
        model.parameters.zeroGradients()
    }

    /// Backward from `loss` recorded on `tape`; the parameters' gradients add to what they hold.
    public func backward(from loss: Tensor, on tape: Tape) throws {
        try tape.backward(from: loss)
    }

    /// Ends a step: (fixed protocol) clips the gradient norm, then one AdamW update at the scheduled
    /// rate. `loss` is the step's loss, reported as is.
    public func step(loss: Double) -> StepResult {
        let lr = schedule.learningRate(forOptimizerStep: stepsTaken + 1)
        let norm = model.parameters.gradientNorm()
        if let maxNorm = settings.clipNorm { model.parameters.clipGradients(maxNorm: maxNorm, norm: norm) }
        optimizer.step(lr: lr)
        return StepResult(learningRate: lr, loss: loss, gradientNorm: norm)
    }

    /// One step of plain fine-tuning: mean cross-entropy over the whole batch.
    public func normalStep(_ batch: TokenBatch, labels: [Int32]) throws -> StepResult {
        zeroGradients()
        let ctx = makeContext()
        let loss = try ctx.tape.crossEntropy(model.logits(batch, ctx), labels: labels)
        try backward(from: loss, on: ctx.tape)
        return step(loss: Double(loss.scalarValue))
    }
}
