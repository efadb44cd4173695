import Autodiff
import Foundation
import Records

/// Where a stage stood after an optimizer step: enough, with the weights and AdamW moments saved
/// beside it, to continue bit for bit as if it had never stopped.
struct TrainingState: Codable, Equatable {
    /// The run's configuration hash; a state is only taken up by the same configuration.
    var configHash: String
    /// Optimizer steps taken (also the learning-rate schedule's position).
    var step: Int
    /// The epoch in progress (1-based) and where its next batch starts in the epoch's order.
    var epoch: Int
    var nextBatchStart: Int
    /// The shuffle generator as it was before this epoch's order was drawn.
    var shuffleBeforeEpoch: SeededRNG
    /// The dropout generator and the step's own generator (mixup draws), as they are now.
    var dropout: SeededRNG
    var stepRandom: SeededRNG?
    /// Best-accuracy bookkeeping.
    var tracker: BestTracker
    /// Train or eval mode (the paper protocol leaves eval mode on after an evaluation).
    var training: Bool
    /// Examples trained on and wall seconds spent so far.
    var examplesSeen: Int
    var elapsedSeconds: Double
    /// Element counts of the parameters, in order, and the sha256 of the tensor file.
    var parameterCounts: [Int]
    var tensorsSHA256: String
    /// TMix and Manifold Mixup: how often each layer was drawn so far.
    var layerCounts: [Int: Int]?
    /// The run's evaluations and checkpoint rows up to this step, so that the state is the whole
    /// run so far and any database can continue it (nil in states written before they were kept).
    var evaluations: [EvaluationRecord]?
    var checkpoints: [CheckpointRecord]?
}
