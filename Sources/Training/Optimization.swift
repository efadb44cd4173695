import Autodiff
import BERT
import Records

/// What one optimizer step did.
public struct StepResult: Equatable, Sendable {
    /// The learning rate the update used.
    public var learningRate: Double
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

/// The model, its optimizer and schedule, and the dropout generator: everything a training step
/// changes. Both stages (normal and mixup) step through it; ``finishStep(loss:tape:)`` is the one
/// place where backward, clipping, AdamW and the schedule meet.
public final class Optimization {
    public let model: BertClassifier
    public let optimizer: AdamW
    public let schedule: LinearWarmupSchedule
    public let settings: OptimizerSettings
    /// Train mode (dropout on) for the next forward passes.
    public var training = true
    /// The dropout generator, advanced by every forward pass in train mode.
    public var dropoutRNG: SeededRNG
    /// Optimizer steps taken so far.
    public var stepsTaken: Int { optimizer.stepCount }

    /// A fresh AdamW and schedule over `totalSteps` (warm-up `warmupSteps`) for `model`.
    public init(model: BertClassifier, settings: OptimizerSettings, totalSteps: Int, warmupSteps: Int, dropoutRNG: SeededRNG) {
        self.model = model
        self.settings = settings
        optimizer = AdamW(parameters: model.parameters, beta1: settings.beta1, beta2: settings.beta2,
                          eps: settings.eps, weightDecay: settings.weightDecay)
        schedule = LinearWarmupSchedule(baseLR: settings.learningRate, totalSteps: totalSteps, warmupSteps: warmupSteps)
        self.dropoutRNG = dropoutRNG
    }

    /// A forward context on a new tape, in the current mode, drawing dropout from ``dropoutRNG``.
    /// Hand it back with ``absorb(_:)`` so the generator advances.
    public func makeContext(computesParameterGradients: Bool = true) -> ForwardContext {
        ForwardContext(tape: Tape(computesParameterGradients: computesParameterGradients), training: training, dropoutRNG: dropoutRNG)
    }

    /// Takes back the dropout generator state of a finished forward pass.
    public func absorb(_ ctx: ForwardContext) { dropoutRNG = ctx.dropoutRNG }

    /// Backward from `loss`, then (fixed protocol) clip, then one AdamW update at the scheduled rate.
    /// `earlierLoss` is a part of this step's loss whose backward already ran: its gradients are kept
    /// and added to, and the step's loss is the sum of both.
    public func finishStep(loss: Tensor, tape: Tape, earlierLoss: Tensor? = nil) throws -> StepResult {
        let lr = schedule.learningRate(forOptimizerStep: stepsTaken + 1)
        if earlierLoss == nil { model.parameters.zeroGradients() }
        try tape.backward(from: loss)
        let norm = model.parameters.gradientNorm()
        if let maxNorm = settings.clipNorm { model.parameters.clipGradients(maxNorm: maxNorm) }
        optimizer.step(lr: lr)
        return StepResult(learningRate: lr, loss: Double(loss.scalarValue) + Double(earlierLoss?.scalarValue ?? 0), gradientNorm: norm)
    }

    /// One step of plain fine-tuning: mean cross-entropy over the whole batch.
    public func normalStep(_ batch: TokenBatch, labels: [Int32]) throws -> StepResult {
        let ctx = makeContext()
        let logits = try model.logits(batch, ctx)
        absorb(ctx)
        return try finishStep(loss: ctx.tape.crossEntropy(logits, labels: labels), tape: ctx.tape)
    }
}
