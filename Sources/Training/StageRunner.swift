import Autodiff
import BERT
import FileSupport
import Foundation
import Records
import TextData

/// Runs one training stage (normal or mixup) as the released code does: epochs over shuffled
/// batches, evaluation every `evalEvery` steps (and after the last epoch when that is not a
/// multiple), best accuracy on the selection split, the best checkpoint kept in the normal stage,
/// every evaluation recorded in the database as it happens.
public struct StageRunner {
    public let config: RunConfig
    /// The weights the stage starts from: the model directory (normal) or the normal checkpoint (mixup).
    public let startWeights: ModelDirectory
    /// The vocabulary the data is tokenised with (copied into checkpoints).
    public let vocabulary: URL
    public let paths: RunPaths
    public let store: RunStore
    public let progress: ProgressReporter
    /// Save a training state every this many optimizer steps (and when asked to stop).
    public let stateEvery: Int

    public init(config: RunConfig, startWeights: ModelDirectory, vocabulary: URL, paths: RunPaths, store: RunStore, progress: ProgressReporter,
                stateEvery: Int = StageRunner.defaultStateEvery) {
        self.config = config; self.startWeights = startWeights; self.vocabulary = vocabulary
        self.paths = paths; self.store = store; self.progress = progress; self.stateEvery = stateEvery
    }

    /// The default interval between training states, in optimizer steps.
    public static let defaultStateEvery = 100

    /// Trains with `step`, unless a finished run with the same configuration exists (and `force` is false).
    public func run(step stepper: StageStep, force: Bool = false) throws -> StageResult {
        if !force, let done = try store.completedRun(configHash: config.hash) {
            progress.note("\(config.task)/\(config.method.rawValue) seed \(config.seed): already finished (run \(done.id ?? 0)), skipped")
            return StageResult(skipped: true, runID: done.id, bestAccuracy: done.bestAccuracy ?? 0, bestTestAccuracy: done.bestTestAccuracy,
                               wallSeconds: done.wallSeconds ?? 0, examplesPerSecond: done.examplesPerSecond ?? 0, steps: 0)
        }
        let stage = try load()
        let states = TrainingStateStore(directory: paths.stateDirectory(config))
        let (runID, resumeFrom) = try startRecord(stage, stepper: stepper, states: states)
        Interruption.shared.install()
        do {
            let result = try train(stage, with: stepper, runID: runID, from: resumeFrom, states: states)
            try store.finishRun(runID: runID, wallSeconds: result.wallSeconds, examplesPerSecond: result.examplesPerSecond,
                                bestAccuracy: result.bestAccuracy, bestTestAccuracy: result.bestTestAccuracy,
                                mixLayers: result.layerCounts.isEmpty ? nil : result.layerCounts)
            if config.stage == .normal { try AtomicFile.write(config.hash + "\n", to: paths.normalFinishedMarker(config)) }
            states.clear()
            return result
        } catch {
            try? store.markRun(runID: runID, status: error is RunInterrupted ? .interrupted : .failed)
            throw error
        }
    }

    /// What a stage trains and evaluates with, loaded before its run is recorded.
    private struct LoadedStage {
        let task: TaskSpec
        let data: TrainingData
        let model: BertClassifier
        let optimization: Optimization
        let totalSteps: Int
        let evalEvery: Int
    }

    /// Reads the data and the starting weights and sets up AdamW, the schedule and dropout.
    private func load() throws -> LoadedStage {
        let task = try TaskRegistry.spec(named: config.task)
        let tokenizer = try BertTokenizer(vocabularyFile: vocabulary)
        let data = try TrainingData.load(task: task, tokenizer: tokenizer, maxLength: config.maxLength, dataDirectory: paths.dataDirectory,
                                         cacheDirectory: paths.cache, dataProtocol: config.trainingProtocol.dataProtocol, seed: config.seed,
                                         maxTrainExamples: config.maxTrainExamples)
        let root = SeededRNG(seed: UInt64(config.seed))
        let model = try startWeights.loadClassifier(numLabels: task.labelCount, headRNG: root.split("classifier-head"))
        let batchesPerEpoch = (data.train.count + config.batchSize - 1) / config.batchSize
        let totalSteps = batchesPerEpoch * config.epochs
        let settings = OptimizerSettings(learningRate: config.learningRate, clipNorm: config.trainingProtocol.clipNorm)
        let optimization = Optimization(model: model, settings: settings, totalSteps: totalSteps, warmupSteps: totalSteps / 10,
                                        dropoutRNG: root.split("dropout-\(config.stage.rawValue)"), precision: config.productPrecision)
        return LoadedStage(task: task, data: data, model: model, optimization: optimization, totalSteps: totalSteps,
                           evalEvery: config.evalEvery ?? min(500, batchesPerEpoch))
    }

    /// Records the run as started and continues it from its latest good training state when it may
    /// take one up: an interrupted run of this database any state of its configuration; a new run
    /// record a state that carries the run's evaluations (the run was stopped while it recorded into
    /// another database, e.g. a plan cell's shard). The state's rows are put back and rows recorded
    /// after it dropped; without a state the run starts from the beginning.
    private func startRecord(_ stage: LoadedStage, stepper: StageStep, states: TrainingStateStore) throws -> (Int64, TrainingState?) {
        let started = try store.startRun(NewRun(configJSON: config.canonicalJSON(), configHash: config.hash, task: config.task,
                                                method: config.method.rawValue, seed: config.seed, stage: config.stage.rawValue,
                                                protocolName: config.trainingProtocol.rawValue, modelName: config.modelName,
                                                modelSHA256: config.modelSHA256, gitCommit: Provenance.gitCommit(), host: Provenance.host,
                                                engine: ComputeEngine.identity(precision: config.productPrecision)))
        let optimization = stage.optimization
        if let state = states.restoreLatest(configHash: config.hash, model: stage.model, optimizer: optimization.optimizer,
                                            accepting: { started.resumed || $0.evaluations != nil }, refused: { progress.note($0) }) {
            optimization.dropoutSource.generator = state.dropout
            if let random = state.stepRandom { stepper.restoreRandomState(random) }
            optimization.training = state.training
            if let evaluations = state.evaluations {
                try store.restoreProgress(runID: started.id, step: state.step, evaluations: evaluations, checkpoints: state.checkpoints ?? [])
            } else {
                try store.discardProgress(runID: started.id, after: state.step)
            }
            progress.note("run \(started.id) continues from its training state at step \(state.step)")
            return (started.id, state)
        }
        guard started.resumed else {
            states.clear()
            return (started.id, nil)
        }
        progress.note("run \(started.id) was interrupted before without a usable training state; it restarts from the beginning")
        try store.discardProgress(runID: started.id)
        return (started.id, nil)
    }

    /// The epochs: shuffled batches through `stepper`, an evaluation every `evalEvery` steps and after
    /// the last step when that is not a multiple; a training state every `stateEvery` steps and
    /// when a stop is asked for. With `resumed`, training continues where that state stood.
    private func train(_ stage: LoadedStage, with stepper: StageStep, runID: Int64, from resumed: TrainingState?,
                       states: TrainingStateStore) throws -> StageResult {
        let optimization = stage.optimization
        var tracker = resumed?.tracker
            ?? BestTracker(reportFeedsBest: config.trainingProtocol.reportAccuracyFeedsBest, hasReportSplit: stage.data.report != nil)
        var shuffle = resumed?.shuffleBeforeEpoch ?? SeededRNG(seed: UInt64(config.seed)).split("shuffle-\(config.stage.rawValue)")
        var examplesSeen = resumed?.examplesSeen ?? 0
        var layerCounts = resumed?.layerCounts ?? [:]
        let earlierSeconds = resumed?.elapsedSeconds ?? 0
        if resumed != nil { progress.continuing(from: optimization.stepsTaken, examples: examplesSeen) }
        let clock = ContinuousClock(), startTime = clock.now
        func elapsed() -> Double {
            let duration = clock.now - startTime
            return earlierSeconds + Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        for epoch in (resumed?.epoch ?? 1)...config.epochs {
            let continuing = epoch == resumed?.epoch
            if !continuing { optimization.training = true }
            let shuffleBeforeEpoch = shuffle
            var order = Array(stage.data.train.indices)
            order.shuffle(using: &shuffle)
            for start in stride(from: continuing ? resumed?.nextBatchStart ?? 0 : 0, to: order.count, by: config.batchSize) {
                if Interruption.shared.isRequested {
                    try saveState(stage, stepper: stepper, states: states, runID: runID, epoch: epoch, nextBatchStart: start,
                                  shuffleBeforeEpoch: shuffleBeforeEpoch,
                                  tracker: tracker, examplesSeen: examplesSeen, layerCounts: layerCounts, elapsed: elapsed())
                    throw RunInterrupted()
                }
                let batch = order[start..<min(start + config.batchSize, order.count)].map { stage.data.train[$0] }
                let result = try stepper.step(batch, optimization)
                examplesSeen += batch.count
                if let layer = result.mixLayer { layerCounts[layer, default: 0] += 1 }
                progress.step(epoch: epoch, epochs: config.epochs, step: optimization.stepsTaken, total: stage.totalSteps,
                              loss: result.loss, examples: examplesSeen)
                if optimization.stepsTaken % stage.evalEvery == 0 { try evaluate(stage, epoch: epoch, runID: runID, tracker: &tracker) }
                if optimization.stepsTaken % stateEvery == 0 && optimization.stepsTaken < stage.totalSteps {
                    try saveState(stage, stepper: stepper, states: states, runID: runID, epoch: epoch, nextBatchStart: start + config.batchSize,
                                  shuffleBeforeEpoch: shuffleBeforeEpoch, tracker: tracker, examplesSeen: examplesSeen,
                                  layerCounts: layerCounts, elapsed: elapsed())
                }
            }
        }
        if optimization.stepsTaken % stage.evalEvery != 0 { try evaluate(stage, epoch: config.epochs, runID: runID, tracker: &tracker) }
        let wall = elapsed()
        return StageResult(skipped: false, runID: runID, bestAccuracy: tracker.best, bestTestAccuracy: tracker.reportedTest,
                           wallSeconds: wall, examplesPerSecond: Double(examplesSeen) / wall, steps: optimization.stepsTaken,
                           layerCounts: layerCounts)
    }

    /// Writes a training state for the step just taken.
    private func saveState(_ stage: LoadedStage, stepper: StageStep, states: TrainingStateStore, runID: Int64, epoch: Int, nextBatchStart: Int,
                           shuffleBeforeEpoch: SeededRNG, tracker: BestTracker, examplesSeen: Int, layerCounts: [Int: Int],
                           elapsed: Double) throws {
        let optimization = stage.optimization
        let state = TrainingState(configHash: config.hash, step: optimization.stepsTaken, epoch: epoch, nextBatchStart: nextBatchStart,
                                  shuffleBeforeEpoch: shuffleBeforeEpoch, dropout: optimization.dropoutSource.generator,
                                  stepRandom: stepper.randomState, tracker: tracker, training: optimization.training,
                                  examplesSeen: examplesSeen, elapsedSeconds: elapsed, parameterCounts: [], tensorsSHA256: "",
                                  layerCounts: layerCounts, evaluations: try store.evaluations(runID: runID),
                                  checkpoints: try store.checkpoints(runID: runID))
        try states.save(state, model: stage.model, optimizer: optimization.optimizer)
    }

    /// Evaluates the selection split (and the report split when the selection accuracy improved),
    /// records both, keeps the normal stage's best checkpoint and sets the mode the protocol leaves
    /// the model in.
    private func evaluate(_ stage: LoadedStage, epoch: Int, runID: Int64, tracker: inout BestTracker) throws {
        let step = stage.optimization.stepsTaken
        let selection = try Evaluator.evaluate(model: stage.model, examples: stage.data.selection, precision: config.productPrecision)
        try store.recordEvaluation(runID: runID, step: step, epoch: epoch, split: stage.task.selectionSplit,
                                   accuracy: selection.accuracy, loss: selection.loss)
        let decision = tracker.observeSelection(selection.accuracy)
        if decision.evaluateReport, let report = stage.data.report {
            let result = try Evaluator.evaluate(model: stage.model, examples: report, precision: config.productPrecision)
            try store.recordEvaluation(runID: runID, step: step, epoch: epoch, split: stage.task.reportSplit,
                                       accuracy: result.accuracy, loss: result.loss)
            tracker.observeReport(result.accuracy)
        }
        progress.evaluation(step: step, split: stage.task.selectionSplit, accuracy: selection.accuracy, loss: selection.loss, best: tracker.best)
        if config.stage == .normal, tracker.shouldSave(selection.accuracy) {
            try saveCheckpoint(stage, step: step, accuracy: selection.accuracy, runID: runID)
        }
        stage.optimization.training = !config.trainingProtocol.staysInEvalModeAfterEvaluation
    }

    /// Writes the normal stage's best checkpoint and records it.
    private func saveCheckpoint(_ stage: LoadedStage, step: Int, accuracy: Double, runID: Int64) throws {
        let directory = paths.normalCheckpoint(config)
        try Checkpoint.save(stage.model, sidecar: CheckpointSidecar(task: config.task, labels: stage.task.labelNames, step: step,
                                                                    accuracy: accuracy, runConfigHash: config.hash, config: stage.model.config),
                            vocabulary: vocabulary, to: directory)
        try store.recordCheckpoint(runID: runID, path: directory.path, step: step, accuracy: accuracy)
    }
}
