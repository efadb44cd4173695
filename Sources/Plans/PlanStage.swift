import FileSupport
import Records
import Training
/// One training stage a plan asks for: a task, seed and method with the settings to use.
public struct PlanStage: Hashable, Sendable {
    /// Task name, e.g. `trec-coarse`.
    public let task: String
    /// Random seed.
    public let seed: Int
    /// Method name, `normal` for the first stage.
    public let method: String
    /// `normal` or `mix`.
    public let stage: TrainingStage
    /// The model directory.
    public let model: String
    /// `paper` or `fixed`.
    public let protocolName: String
    /// Settings that replace the trainer's defaults (e.g. `epochs`, `lr`), by name.
    public let overrides: [String: PlanValue]
}
