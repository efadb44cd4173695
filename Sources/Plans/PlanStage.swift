import Mixup
import Records
import Training

import FileSupport
import Records
import Training
/// One training stage a plan asks for: a task, seed and method with the settings to use.
public struct PlanStage: Hashable, Sendable {
    /// Task name, e.g. `trec-coarse`.
    public let task: String
    /// Random seed.
    public let seed: Int
    /// `normal` for the first stage, else a mixup method.
    public let method: MixMethod
    /// `normal` or `mix`.
    public let stage: TrainingStage
    /// The model directory.
    public let model: String
    /// The training protocol.
    public let trainingProtocol: TrainingProtocol
    /// Settings that replace the trainer's defaults (e.g. `epochs`, `lr`), by name.
    public let overrides: [String: PlanValue]
}
