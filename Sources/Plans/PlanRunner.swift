import BERT
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
    /// The plan's database (`runs/ssmix.sqlite`); checkpoints, states and shards sit beside it.
    public let database: URL
    /// The results ledger whose wall times inform the ETA (nil: the database's only).
    public let ledger: URL?
    public let quiet: Bool

    public init(plan: ExperimentPlan, dataDirectory: URL, database: URL, ledger: URL?, quiet: Bool) {
        self.plan = plan; self.dataDirectory = dataDirectory; self.database = database; self.ledger = ledger; self.quiet = quiet
    }

    /// The runs folder: where checkpoints, training states and cluster shards go.
    public var runsDirectory: URL { database.deletingLastPathComponent() }

    /// The shard databases cluster cells write (`runs/shards/<cell>.sqlite`).
    public var shardsDirectory: URL { runsDirectory.appendingPathComponent("shards") }

    /// The shard database of one cell.
    public func shard(for cellID: String) -> URL { shardsDirectory.appendingPathComponent("\(cellID).sqlite") }

    /// The settings names a plan may override, and what they mean.
    public static let knownSettings = ["epochs", "lr", "batch-size", "max-length", "eval-every", "max-train-examples", "window", "alpha", "saliency"]

    /// Checks the plan's settings and data before anything runs.
    public func checkPlan() throws {
        let keys = Set(plan.overrides.keys).union(plan.scopedOverrides.values.flatMap(\.keys))
        for key in keys.sorted() where !Self.knownSettings.contains(key) {
            throw TrainingError.invalidSetting("plan \(plan.name): unknown setting \(key) (known: \(Self.knownSettings.joined(separator: ", ")))")
        }
        for task in plan.tasks { try TrainingData.checkPresent(task: TaskRegistry.spec(named: task), dataDirectory: dataDirectory) }
    }

    /// Runs one cell of the plan by its id, recording it in `database` (a shard on a cluster);
    /// checkpoints and states go to the plan's runs folder. A cell whose result is recorded already
    /// (see `statuses`) is skipped. Returns its summary line.
    public func runCell(id: String, database cellDatabase: URL) throws -> String {
        guard let stage = plan.stages().first(where: { $0.cellID == id }) else {
            throw TrainingError.invalidSetting("plan \(plan.name) has no cell \(id) (see `ssmix-exp run --plan … --dry-run`)")
        }
        try checkPlan()
        if let status = try statuses().first(where: { $0.stage.cellID == id }), let skipped = Self.skipLine(status) { return skipped }
        return try run(stage, database: cellDatabase).line
    }

    /// Checks the plan's settings, model and data before anything runs; then runs every stage that
    /// is not done. Returns one summary line per stage.
    public func run() throws -> [String] {
        try checkPlan()
        let surveyed = try survey()
        let statuses = surveyed.statuses
        var estimates = surveyed.estimates
        var done = statuses.map(\.isDone)
        var lines: [String] = []
        let started = Date()
        for (index, status) in statuses.enumerated() {
            let stage = status.stage
            if let skipped = Self.skipLine(status) {
                lines.append(skipped)
                continue
            }
            let eta = remainingSeconds(stages: statuses.map(\.stage), done: done, from: index, estimates: estimates)
            note("plan \(plan.name): cell \(index + 1)/\(statuses.count) \(stage.task) \(stage.method.rawValue) seed \(stage.seed) · "
                 + "\(done.filter { $0 }.count) of \(statuses.count) done · elapsed \(DurationText.format(Date().timeIntervalSince(started))) · "
                 + "plan ETA \(eta)")
            let result = try run(stage, database: database)
            lines.append(result.line)
            done[index] = true
            if !result.result.skipped {
                estimates.add(task: stage.task, method: stage.method.rawValue, model: stage.modelName, cap: stage.trainExampleCap,
                              seconds: result.result.wallSeconds)
            }
        }
        return lines
    }

    /// The line for a cell that needs no run; nil when it has to run.
    static func skipLine(_ status: CellStatus) -> String? {
        switch status.state {
        case .finished: return "\(status.stage.cellID): finished before (here or in a shard), skipped"
        case .inLedger: return "\(status.stage.cellID): in the results ledger (finished elsewhere), skipped"
        default: return nil
        }
    }

    /// The time the stages from `index` on that are not done will take, from measured wall times.
    func remainingSeconds(stages: [PlanStage], done: [Bool], from index: Int, estimates: StageTimeEstimates) -> String {
        Self.remainingText((index..<stages.count).filter { !done[$0] }.map { position in
            let stage = stages[position]
            return estimates.estimate(task: stage.task, method: stage.method.rawValue, model: stage.modelName, cap: stage.trainExampleCap)
        }, machines: 1)
    }

    /// The time that stages with these estimates (nil: not measured yet) need on `machines` workers:
    /// `?` when none is measured, `≥` when only some are.
    static func remainingText(_ estimates: [Double?], machines: Int) -> String {
        let total = estimates.compactMap { $0 }.reduce(0, +) / Double(max(1, machines))
        let unknown = estimates.filter { $0 == nil }.count
        if unknown == 0 { return DurationText.format(total) }
        if total == 0 { return "? (no measured stage yet)" }
        return "≥ \(DurationText.format(total)) (\(unknown) stage(s) not measured yet)"
    }

    /// The configuration hash of every cell (what the trainer skips by), by cell id; each model's
    /// weights are read once.
    func configHashes(for stages: [PlanStage]) throws -> [String: String] {
        var identities: [String: ModelIdentity] = [:], hashes: [String: String] = [:]
        for stage in stages {
            let identity = try identities[stage.model] ?? ModelIdentity(model: ModelDirectory(URL(fileURLWithPath: stage.model)))
            identities[stage.model] = identity
            let configurations = StageConfigurations(settings: settings(for: stage, database: database), model: identity)
            let options = try mixOptions(for: stage)
            hashes[stage.cellID] = stage.method == .normal
                ? configurations.normal(epochs: options.normalEpochs, learningRate: options.normalLearningRate).hash
                : configurations.mix(method: stage.method, options: options).hash
        }
        return hashes
    }

    private func run(_ stage: PlanStage, database: URL) throws -> (result: StageResult, line: String) {
        let session = try TrainingSession(settings: settings(for: stage, database: database))
        let options = try mixOptions(for: stage)
        let result = stage.method == .normal
            ? try session.runNormal(epochs: options.normalEpochs, learningRate: options.normalLearningRate)
            : try session.runMix(method: stage.method, options: options)
        return (result, session.summary(method: stage.method, result))
    }

    private func settings(for stage: PlanStage, database: URL) -> SessionSettings {
        let own = stage.overrides, recipe = StageRecipe.released
        return SessionSettings(task: stage.task, seed: stage.seed, modelDirectory: URL(fileURLWithPath: stage.model),
                               dataDirectory: dataDirectory, database: database, trainingProtocol: stage.trainingProtocol,
                               batchSize: own["batch-size"]?.intValue ?? recipe.batchSize,
                               maxLength: own["max-length"]?.intValue ?? recipe.maxLength,
                               evalEvery: own["eval-every"]?.intValue, maxTrainExamples: own["max-train-examples"]?.intValue,
                               runsDirectory: runsDirectory, quiet: quiet, precision: stage.precision)
    }

    /// The stage's settings: the normal stage's epochs and lr (also for a mixup stage, which names
    /// the normal run it continues), and a mixup stage's own.
    private func mixOptions(for stage: PlanStage) throws -> MixStageOptions {
        let own = stage.overrides, normal = plan.settings(for: .normal), recipe = StageRecipe.released
        var options = MixStageOptions()
        options.normalEpochs = normal["epochs"]?.intValue ?? recipe.normalEpochs
        options.normalLearningRate = normal["lr"]?.doubleValue ?? recipe.normalLearningRate
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
        return options
    }

    private func note(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
