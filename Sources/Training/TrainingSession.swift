import Autodiff
import BERT
import Foundation
import Mixup
import Records
import TextData

/// The settings every stage of one task and seed shares.
public struct SessionSettings: Sendable {
    public var task: String
    public var seed: Int
    public var modelDirectory: URL
    public var dataDirectory: URL
    public var database: URL
    public var trainingProtocol: TrainingProtocol
    public var batchSize: Int
    public var maxLength: Int
    public var evalEvery: Int?
    public var maxTrainExamples: Int?
    /// Save a training state every this many optimizer steps, so an interrupted run continues exactly.
    public var stateEvery: Int
    /// Where checkpoints, states and caches go; nil: beside the database.
    public var runsDirectory: URL?
    public var quiet: Bool
    /// The dense layers' product precision (``Precision``), part of each run's configuration.
    public var precision: Precision

    public init(task: String, seed: Int, modelDirectory: URL, dataDirectory: URL, database: URL, trainingProtocol: TrainingProtocol,
                batchSize: Int = StageRecipe.released.batchSize, maxLength: Int = StageRecipe.released.maxLength,
                evalEvery: Int? = nil, maxTrainExamples: Int? = nil, stateEvery: Int = StageRunner.defaultStateEvery,
                runsDirectory: URL? = nil, quiet: Bool = false, precision: Precision = .fp32) {
        self.task = task; self.seed = seed; self.modelDirectory = modelDirectory; self.dataDirectory = dataDirectory
        self.database = database; self.trainingProtocol = trainingProtocol; self.batchSize = batchSize; self.maxLength = maxLength
        self.evalEvery = evalEvery; self.maxTrainExamples = maxTrainExamples; self.stateEvery = stateEvery
        self.runsDirectory = runsDirectory; self.quiet = quiet; self.precision = precision
    }
}

/// The settings of one mixup stage and of the normal stage it starts from.
public struct MixStageOptions {
    public var epochs = StageRecipe.released.mixEpochs
    public var learningRate = StageRecipe.released.mixLearningRate
    public var windowPercent = StageRecipe.released.windowPercent
    public var alpha = StageRecipe.released.alpha
    /// SSMix saliency: the released code's own passes, or shared with the clean pass (fixed protocol only).
    public var saliency = SaliencyMode.separate
    public var normalEpochs = StageRecipe.released.normalEpochs
    public var normalLearningRate = StageRecipe.released.normalLearningRate
    /// How many mixed examples of the first step to pass to `exampleSink`.
    public var showExamples = 0
    public var exampleSink: ((TokenRow, MixedRow) -> Void)?
    /// Hidden-state methods: shows the first pair of the first step with λ and where it mixed.
    public var drawSink: ((TokenRow, TokenRow, HiddenMixDraw, String) -> Void)?

    public init() {}
}

/// Runs the stages of one task and seed: checks every input before any work starts (model files,
/// data files, database), builds each stage's configuration and runs it through ``StageRunner``.
public final class TrainingSession {
    public let settings: SessionSettings
    public let model: ModelDirectory
    public let task: TaskSpec
    public let store: RunStore
    public let paths: RunPaths
    /// `[UNK]` and `[SEP]` as the model's vocabulary numbers them.
    public let specialTokens: SpecialTokens
    /// The configurations (and hashes) of this session's stages.
    public let configurations: StageConfigurations

    /// Fails with a one-line error, before any training, on an unknown task, missing data (naming the
    /// download command), a model directory without weights, or a database that cannot be written.
    public init(settings: SessionSettings) throws {
        self.settings = settings
        try settings.precision.checkSupported()
        task = try TaskRegistry.spec(named: settings.task)
        model = try ModelDirectory(settings.modelDirectory)
        try TrainingData.checkPresent(task: task, dataDirectory: settings.dataDirectory)
        store = try RunStore(path: settings.database)
        paths = RunPaths(dataDirectory: settings.dataDirectory, database: settings.database, runsDirectory: settings.runsDirectory)
        specialTokens = SpecialTokens(try BertTokenizer(vocabularyFile: model.vocabularyURL))
        configurations = StageConfigurations(settings: settings, model: try ModelIdentity(model: model))
    }

    /// The configuration of the normal stage.
    public func normalConfig(epochs: Int, learningRate: Double) -> RunConfig {
        configurations.normal(epochs: epochs, learningRate: learningRate)
    }

    /// Runs (or skips, when finished before) the normal stage.
    public func runNormal(epochs: Int, learningRate: Double, step: StageStep = NormalStep()) throws -> StageResult {
        let config = normalConfig(epochs: epochs, learningRate: learningRate)
        return try runner(config, startWeights: model).run(step: step)
    }

    /// The configuration of the mixup stage `method` with `options`.
    public func mixConfig(method: MixMethod, options: MixStageOptions) -> RunConfig {
        configurations.mix(method: method, options: options)
    }

    /// Runs a mixup stage from the best checkpoint of the matching normal run, running that first
    /// when it is missing or its checkpoint is gone.
    public func runMix(method: MixMethod, options: MixStageOptions) throws -> StageResult {
        if options.saliency == .shared && !settings.trainingProtocol.allowsSharedSaliency {
            throw TrainingError.invalidSetting("--saliency shared is not part of the \(settings.trainingProtocol.rawValue) protocol; use it with --protocol fixed")
        }
        let normal = normalConfig(epochs: options.normalEpochs, learningRate: options.normalLearningRate)
        let checkpoint = paths.normalCheckpoint(normal)
        let marker = try? String(contentsOf: paths.normalFinishedMarker(normal), encoding: .utf8)
        let finished = try store.completedRun(configHash: normal.hash) != nil
            || marker?.trimmingCharacters(in: .whitespacesAndNewlines) == normal.hash
        if !finished || Checkpoint.sidecar(in: checkpoint)?.runConfigHash != normal.hash {
            progress(for: normal).note("\(settings.task) seed \(settings.seed): no best normal checkpoint for these settings; running train-normal first")
            _ = try runner(normal, startWeights: model).run(step: NormalStep(), force: true)
        }
        let config = mixConfig(method: method, options: options)
        guard let mix = config.mix else { throw TrainingError.invalidSetting("a mixup stage needs mixup settings") }
        let step = MixupStep(method: method, settings: mix, isPair: task.isPair, lengthAliasing: settings.trainingProtocol.aliasesPairLengths,
                             specialTokens: specialTokens,
                             rng: SeededRNG(seed: UInt64(settings.seed)).split("mix-\(method.rawValue)"),
                             showExamples: options.showExamples, exampleSink: options.exampleSink, drawSink: options.drawSink)
        return try runner(config, startWeights: ModelDirectory(checkpoint)).run(step: step)
    }

    /// One line saying how a stage ended.
    public func summary(method: MixMethod, _ result: StageResult) -> String {
        let split = task.selectionSplit
        var line = String(format: "%@ %@ seed %d: best %@ accuracy %.2f%%", settings.task, method.rawValue, settings.seed, split, result.bestAccuracy * 100)
        if let test = result.bestTestAccuracy { line += String(format: ", %@ accuracy %.2f%%", task.reportSplit, test * 100) }
        if result.skipped { return line + " (finished before; skipped)" }
        return line + String(format: " (%d steps, %.1f s, %.1f examples/s)", result.steps, result.wallSeconds, result.examplesPerSecond)
    }

    private func progress(for config: RunConfig) -> ProgressReporter {
        ProgressReporter(label: "[\(config.task) \(config.method.rawValue) s\(config.seed)]", quiet: settings.quiet)
    }

    private func runner(_ config: RunConfig, startWeights: ModelDirectory) -> StageRunner {
        StageRunner(config: config, startWeights: startWeights, vocabulary: model.vocabularyURL, paths: paths, store: store,
                    progress: progress(for: config), stateEvery: settings.stateEvery)
    }
}
