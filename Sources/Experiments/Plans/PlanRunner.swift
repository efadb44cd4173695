import Foundation
import Mixup
import TextData

/// Runs every stage of an experiment plan in dependency order (for each task and seed, the normal
/// stage before its mixup stages), skipping finished runs, with overall progress and an ETA.
public struct PlanRunner {
    public let plan: ExperimentPlan
    public let dataDirectory: URL
    public let database: URL
    public let quiet: Bool

    public init(plan: ExperimentPlan, dataDirectory: URL, database: URL, quiet: Bool) {
        self.plan = plan; self.dataDirectory = dataDirectory; self.database = database; self.quiet = quiet
    }

    /// The settings names a plan may override, and what they mean.
    public static let knownSettings = ["epochs", "lr", "batch-size", "max-length", "eval-every", "max-train-examples", "window", "alpha"]

    /// Checks the plan's settings, model and data before anything runs; then runs every stage.
    /// Returns one summary line per stage.
    public func run() throws -> [String] {
        let keys = Set(plan.overrides.keys).union(plan.scopedOverrides.values.flatMap(\.keys))
        for key in keys.sorted() where !Self.knownSettings.contains(key) {
            throw TrainingError.invalidSetting("plan \(plan.name): unknown setting \(key) (known: \(Self.knownSettings.joined(separator: ", ")))")
        }
        for task in plan.tasks { try TrainingData.checkPresent(task: TaskRegistry.spec(named: task), dataDirectory: dataDirectory) }
        let stages = plan.stages()
        var lines: [String] = []
        var busySeconds = 0.0, ranStages = 0
        let started = Date()
        for (index, stage) in stages.enumerated() {
            let remaining = stages.count - index
            let eta = ranStages > 0 ? ProgressReporter.duration(busySeconds / Double(ranStages) * Double(remaining)) : "?"
            note("plan \(plan.name): stage \(index + 1)/\(stages.count) \(stage.task) \(stage.method) seed \(stage.seed) (elapsed \(ProgressReporter.duration(Date().timeIntervalSince(started))), ETA \(eta))")
            let result = try run(stage)
            lines.append(result.line)
            if !result.result.skipped { busySeconds += result.result.wallSeconds; ranStages += 1 }
        }
        return lines
    }

    private func run(_ stage: PlanStage) throws -> (result: StageResult, line: String) {
        let own = stage.overrides, normal = plan.settings(for: ExperimentCatalog.normalMethod)
        let settings = SessionSettings(task: stage.task, seed: stage.seed, modelDirectory: URL(fileURLWithPath: stage.model),
                                       dataDirectory: dataDirectory, database: database, protocolName: stage.protocolName,
                                       batchSize: int(own["batch-size"]) ?? 32, maxLength: int(own["max-length"]) ?? 128,
                                       evalEvery: int(own["eval-every"]), maxTrainExamples: int(own["max-train-examples"]), quiet: quiet)
        let session = try TrainingSession(settings: settings)
        let normalEpochs = int(normal["epochs"]) ?? 3, normalLR = double(normal["lr"]) ?? 5e-5
        if stage.method == ExperimentCatalog.normalMethod {
            let result = try session.runNormal(epochs: normalEpochs, learningRate: normalLR)
            return (result, session.summary(method: stage.method, result))
        }
        guard let method = MixMethod(rawValue: stage.method) else {
            throw TrainingError.invalidSetting("plan \(plan.name): unknown method \(stage.method)")
        }
        var options = MixStageOptions()
        options.epochs = int(own["epochs"]) ?? 5
        options.learningRate = double(own["lr"]) ?? 1e-5
        options.windowPercent = int(own["window"]) ?? 10
        options.alpha = double(own["alpha"]) ?? 0.2
        options.normalEpochs = normalEpochs
        options.normalLearningRate = normalLR
        let result = try session.runMix(method: method, options: options)
        return (result, session.summary(method: stage.method, result))
    }

    private func int(_ value: PlanValue?) -> Int? {
        if case .int(let v)? = value { return v }
        return nil
    }

    private func double(_ value: PlanValue?) -> Double? {
        switch value {
        case .double(let v)?: return v
        case .int(let v)?: return Double(v)
        default: return nil
        }
    }

    private func note(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
