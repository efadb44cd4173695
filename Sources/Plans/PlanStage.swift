import Autodiff
import Foundation
import Mixup
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
    /// The dense layers' product precision.
    public let precision: Precision
    /// Settings that replace the trainer's defaults (e.g. `epochs`, `lr`), by name.
    public let overrides: [String: PlanValue]
}

extension PlanStage {
    /// The cell's name in dry runs, shards and Slurm arrays, e.g. `trec-coarse-s0-ssmix`.
    public var cellID: String { "\(task)-s\(seed)-\(method.rawValue)" }

    /// The cell this one waits for: a mixup cell starts from the best checkpoint of the normal
    /// cell of its task and seed; a normal cell waits for nothing.
    public var dependencyID: String? { method == .normal ? nil : "\(task)-s\(seed)-\(MixMethod.normal.rawValue)" }

    /// The training-example cap the cell's settings set, if any.
    public var trainExampleCap: Int? { overrides["max-train-examples"]?.intValue }

    /// The encoder's name (the model directory's last component), as runs record it.
    public var modelName: String { URL(fileURLWithPath: model).lastPathComponent }
}
