import Autodiff
import FileSupport
import Foundation
import Mixup
import Records
import Training

/// An experiment plan (experiments/*.toml): tasks × methods × seeds, on one model, protocol and
/// product precision, with optional setting overrides.
///
/// ```toml
/// name = "trec"
/// description = "TREC, every method, one seed"
/// model = "models/all-MiniLM-L6-v2"
/// protocol = "paper"                      # optional, default "paper"
/// precision = "fp32"                      # optional, default "fp32" (or "bf16": --precision)
/// tasks = ["trec-coarse", "trec-fine"]
/// methods = ["normal", "ssmix", "tmix"]
/// seeds = [0]
/// [overrides]                             # optional: every stage
/// batch-size = 32
/// [overrides.mix]                         # optional: every mixup stage
/// lr = 1e-5
/// [overrides.normal]                      # optional: one method (normal is the first stage)
/// epochs = 3
/// ```
/// A method's own table beats `mix`, which beats the plain `[overrides]`.
public struct ExperimentPlan: Equatable, Sendable {
    /// The plan's name.
    public let name: String
    /// What the plan is for.
    public let description: String
    /// The model directory every stage uses.
    public let model: String
    /// The training protocol of every stage (default `paper`).
    public let trainingProtocol: TrainingProtocol
    /// The dense layers' product precision of every stage (default `fp32`).
    public let precision: Precision
    /// Tasks, in run order.
    public let tasks: [String]
    /// Methods, in run order (the normal stage always runs first).
    public let methods: [MixMethod]
    /// Seeds, in run order.
    public let seeds: [Int]
    /// Settings for every stage.
    public let overrides: [String: PlanValue]
    /// Settings per method, or for every mixup stage under `mix`.
    public let scopedOverrides: [String: [String: PlanValue]]

    /// Reads and checks a plan file.
    /// - Throws: `ConfigFileError` naming the file and the key or line at fault.
    public static func load(from url: URL) throws -> ExperimentPlan {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigFileError(path: url.path, location: "file", problem: "cannot read it")
        }
        return try ExperimentPlan(toml: String(decoding: data, as: UTF8.self), path: url.path)
    }

    /// Parses and checks plan text; `path` only names the source in errors.
    public init(toml text: String, path: String) throws {
        let parser = try PlanTableReader(text: text, path: path)
        try parser.rejectUnknownKeys(allowed: ["name", "description", "model", "protocol", "precision", "tasks", "methods", "seeds", "overrides"])
        name = try parser.string("name")
        description = try parser.optionalString("description") ?? ""
        model = try parser.string("model")
        let protocolName = try parser.optionalString("protocol") ?? TrainingProtocol.paper.rawValue
        guard let trainingProtocol = TrainingProtocol(rawValue: protocolName) else {
            throw parser.error("protocol", "`\(protocolName)` is not one of \(TrainingProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.trainingProtocol = trainingProtocol
        let precisionName = try parser.optionalString("precision") ?? Precision.fp32.rawValue
        guard let precision = Precision(rawValue: precisionName) else {
            throw parser.error("precision", "`\(precisionName)` is not one of \(Precision.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.precision = precision
        tasks = try parser.names("tasks", allowed: ExperimentCatalog.tasks)
        methods = try parser.names("methods", allowed: MixMethod.allCases.map(\.rawValue)).compactMap(MixMethod.init(rawValue:))
        seeds = try parser.seeds("seeds")
        (overrides, scopedOverrides) = try parser.overrides("overrides",
                                                             scopes: MixMethod.allCases.map(\.rawValue) + [TrainingStage.mix.rawValue])
    }

    /// The stages to run, in order: for each task and seed, the normal stage first, then each
    /// mixup method of the plan.
    public func stages() -> [PlanStage] {
        let mixMethods = methods.filter { $0 != .normal }
        var stages: [PlanStage] = []
        for task in tasks {
            for seed in seeds {
                stages.append(stage(task: task, seed: seed, method: .normal, stage: .normal))
                for method in mixMethods {
                    stages.append(stage(task: task, seed: seed, method: method, stage: .mix))
                }
            }
        }
        return stages
    }

    /// The settings a method's stage gets: plain overrides, then `mix` ones, then its own.
    public func settings(for method: MixMethod) -> [String: PlanValue] {
        var settings = overrides
        if method != .normal {
            settings.merge(scopedOverrides[TrainingStage.mix.rawValue] ?? [:]) { $1 }
        }
        settings.merge(scopedOverrides[method.rawValue] ?? [:]) { $1 }
        return settings
    }

    private func stage(task: String, seed: Int, method: MixMethod, stage: TrainingStage) -> PlanStage {
        PlanStage(task: task, seed: seed, method: method, stage: stage, model: model,
                  trainingProtocol: trainingProtocol, precision: precision, overrides: settings(for: method))
    }
}
