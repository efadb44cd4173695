import Autodiff
import BERT
import TextData

/// One optimizer step of a stage on a batch of training examples.
public protocol StageStep {
    func step(_ batch: [EncodedExample], _ optimization: Optimization) throws -> StepResult
    /// The step's own generator (mixup draws), saved in training states; nil when it draws nothing.
    var randomState: SeededRNG? { get }
    /// Puts the step's generator back where a training state left it.
    func restoreRandomState(_ state: SeededRNG)
}

extension StageStep {
    /// A step without a generator of its own.
    public var randomState: SeededRNG? { nil }
    /// Nothing to restore.
    public func restoreRandomState(_ state: SeededRNG) {}
}

/// Plain fine-tuning: cross-entropy on the whole batch.
public struct NormalStep: StageStep {
    public init() {}
    public func step(_ batch: [EncodedExample], _ optimization: Optimization) throws -> StepResult {
        try optimization.normalStep(TokenBatch(examples: batch.map { ($0.inputIds, $0.tokenTypeIds) }), labels: batch.map(\.label))
    }
}
