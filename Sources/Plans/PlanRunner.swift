import FileSupport
import Foundation
import Mixup
import Records
import TextData
import Training

/// Runs every stage of an experiment plan in dependency order (for each task and seed, the normal
/// stage before its mixup stages), skipping finished runs, with overall progress and an ETA from
/// measured stage times.
public struct PlanRunner {
    public let plan: ExperimentPlan
    public let dataDirectory: URL
    public let database: URL
    /// The results ledger whose wall times inform the ETA (nil: the database's only).
    public let ledger: URL?
    public let quiet: Bool

    public init(plan: ExperimentPlan, dataDirectory: URL, database: URL, ledger: URL?, quiet: Bool) {
        self.plan = plan; self.dataDirectory = dataDirectory; self.database = database; self.ledger = ledger; self.quiet = quiet
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
        let recorded = try RunCollection.gather(database: database, ledger: ledger).runs
        var estimates = StageTimeEstimates(runs: recorded)
        let localRuns = recorded.filter { if case .database = $0.source { return true }; return false }
        var done = stages.map { isFinished($0, among: localRuns) }
        var lines: [String] = []
        let started = Date()
        for (index, stage) in stages.enumerated() {
            let eta = remainingSeconds(stages: stages, done: done, from: index, estimates: estimates)
            note("plan \(plan.name): cell \(index + 1)/\(stages.count) \(stage.task) \(stage.method.rawValue) seed \(stage.seed) · "
                 + "\(done.filter { $0 }.count) of \(stages.count) done · elapsed \(DurationText.format(Date().timeIntervalSince(started))) · "
                 + "plan ETA \(eta)")
            let result = try run(stage)
            lines.append(result.line)
            done[index] = true
            if !result.result.skipped {
                estimates = StageTimeEstimates(runs: try RunCollection.gather(database: database, ledger: ledger).runs)
            }
        }
        return lines
    }

    /// The time the stages from `index` on that are not done will take, from measured wall times;
    /// `?` when a stage has no measurement yet (`≥` when only some have).
    private func remainingSeconds(stages: [PlanStage], done: [Bool], from index: Int, estimates: StageTimeEstimates) -> String {
        var total = 0.0, unknown = 0
        for position in index..<stages.count where !done[position] {
            let stage = stages[position]
            if let seconds = estimates.estimate(task: stage.task, method: stage.method.rawValue, model: modelName(stage),
                                                cap: stage.overrides["max-train-examples"]?.intValue) {
                total += seconds
            } else {
                unknown += 1
            }
        }
        if unknown == 0 { return DurationText.format(total) }
        if total == 0 { return "? (no measured stage yet)" }
        return "≥ \(DurationText.format(total)) (\(unknown) stage(s) not measured yet)"
    }

    /// True when the local database holds a finished run of this stage's task, method, seed,
    /// protocol, encoder and cap (the trainer itself decides by configuration hash).
    private func isFinished(_ stage: PlanStage, among runs: [RecordedRun]) -> Bool {
        runs.contains { run in
            run.record.task == stage.task && run.record.method == stage.method.rawValue && run.record.seed == stage.seed
                && run.record.protocolName == stage.trainingProtocol.rawValue && run.record.modelName == modelName(stage)
                && run.trainExampleCap == stage.overrides["max-train-examples"]?.intValue
        }
    }

    private func modelName(_ stage: PlanStage) -> String {
        URL(fileURLWithPath: stage.model).lastPathComponent
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
