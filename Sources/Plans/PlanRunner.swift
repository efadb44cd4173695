import FileSupport
import Foundation
import Mixup
import Records
import TextData
import Training

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
    public static let knownSettings = ["epochs", "lr", "batch-size", "max-length", "eval-every", "max-train-examples", "window", "alpha", "saliency"]

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
            let eta = ranStages > 0 ? DurationText.format(busySeconds / Double(ranStages) * Double(remaining)) : "?"
            note("plan \(plan.name): stage \(index + 1)/\(stages.count) \(stage.task) \(stage.method.rawValue) seed \(stage.seed) (elapsed \(DurationText.format(Date().timeIntervalSince(started))), ETA \(eta))")
            let result = try run(stage)
            lines.append(result.line)
            if !result.result.skipped { busySeconds += result.result.wallSeconds; ranStages += 1 }
        }
        return lines
    }

    private func run(_ stage: PlanStage) throws -> (result: StageResult, line: String) {
        let own = stage.overrides, normal = plan.settings(for: .normal), recipe = StageRecipe.released
        let settings = SessionSettings(task: stage.task, seed: stage.seed, modelDirectory: URL(fileURLWithPath: stage.model),
                                       dataDirectory: dataDirectory, database: database, trainingProtocol: stage.trainingProtocol,
                                       batchSize: own["batch-size"]?.intValue ?? recipe.batchSize,
                                       maxLength: own["max-length"]?.intValue ?? recipe.maxLength,
                                       evalEvery: own["eval-every"]?.intValue, maxTrainExamples: own["max-train-examples"]?.intValue, quiet: quiet)
        let session = try TrainingSession(settings: settings)
        let normalEpochs = normal["epochs"]?.intValue ?? recipe.normalEpochs
        let normalLR = normal["lr"]?.doubleValue ?? recipe.normalLearningRate
        if stage.method == .normal {
            let result = try session.runNormal(epochs: normalEpochs, learningRate: normalLR)
            return (result, session.summary(method: stage.method, result))
        }
        var options = MixStageOptions()
        options.epochs = own["epochs"]?.intValue ?? recipe.mixEpochs
        options.learningRate = own["lr"]?.doubleValue ?? recipe.mixLearningRate
        options.windowPercent = own["window"]?.intValue ?? recipe.windowPercent
        options.alpha = own["alpha"]?.doubleValue ?? recipe.alpha
        if let saliency = own["saliency"] {
            guard let mode = saliency.stringValue.flatMap(SaliencyMode.init(rawValue:)) else {
                throw TrainingError.invalidSetting("plan \(plan.name): saliency must be \"separate\" or \"shared\", got \(saliency)")
            }
            options.saliency = mode
        }
        options.normalEpochs = normalEpochs
        options.normalLearningRate = normalLR
        let result = try session.runMix(method: stage.method, options: options)
        return (result, session.summary(method: stage.method, result))
    }

    private func note(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
