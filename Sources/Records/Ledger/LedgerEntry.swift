import Foundation

/// One line of the results ledger (`reports/ledger.jsonl`): a finished run's configuration,
/// provenance, timings, best accuracies and evaluations; never a checkpoint. Accuracies are
/// fractions, times ISO-8601 UTC.
public struct LedgerEntry: Codable, Hashable, Sendable {
    /// One evaluation of the run.
    public struct Evaluation: Codable, Hashable, Sendable {
        /// Optimizer steps done.
        public var step: Int
        /// Epoch during which it was evaluated.
        public var epoch: Int
        /// The split evaluated.
        public var split: String
        /// Accuracy as a fraction.
        public var accuracy: Double
        /// Mean loss, when computed.
        public var loss: Double?
    }

    /// sha256 of the canonical configuration JSON: the run's identity.
    public var configHash: String
    /// The configuration as the trainer wrote it.
    public var config: JSONValue
    /// Task, method, seed, stage, protocol and encoder name (copies of the configuration's, for readers).
    public var task: String
    public var method: String
    public var seed: Int
    public var stage: String
    public var protocolName: String
    public var model: String
    /// The source revision and machine that ran it.
    public var gitCommit: String
    public var host: String
    /// When it started and finished.
    public var started: Date
    public var finished: Date?
    /// Wall-clock seconds and training throughput.
    public var wallSeconds: Double?
    public var examplesPerSecond: Double?
    /// Best selection accuracy and the test accuracy recorded at it (ANLI).
    public var bestAccuracy: Double?
    public var bestTestAccuracy: Double?
    /// TMix and Manifold Mixup: how often each layer was drawn (`{"0":12,"3":9}`).
    public var mixLayers: JSONValue?
    /// The compute engine that ran it; absent for runs recorded before engines were named.
    public var engine: String?
    /// Every evaluation, in the order recorded.
    public var evaluations: [Evaluation]

    enum CodingKeys: String, CodingKey {
        case configHash = "config_hash", config, task, method, seed, stage, protocolName = "protocol", model
        case gitCommit = "git_commit", host, started, finished, wallSeconds = "wall_seconds"
        case examplesPerSecond = "examples_per_second", bestAccuracy = "best_accuracy"
        case bestTestAccuracy = "best_test_accuracy", mixLayers = "mix_layers", engine, evaluations
    }

    /// The entry for a finished run read from a database.
    public init(_ run: RecordedRun) {
        let record = run.record
        configHash = record.configHash
        config = JSONValue(parsing: record.configJSON) ?? .string(record.configJSON)
        task = record.task; method = record.method; seed = record.seed; stage = record.stage
        protocolName = record.protocolName; model = record.modelName
        gitCommit = record.gitCommit; host = record.host
        started = record.started; finished = record.finished
        wallSeconds = record.wallSeconds; examplesPerSecond = record.examplesPerSecond
        bestAccuracy = record.bestAccuracy; bestTestAccuracy = record.bestTestAccuracy
        mixLayers = record.mixLayers.flatMap { JSONValue(parsing: $0) }
        engine = record.engine
        evaluations = run.evaluations.map {
            Evaluation(step: $0.step, epoch: $0.epoch, split: $0.split, accuracy: $0.accuracy, loss: $0.loss)
        }
    }

    /// The run this entry records, read from `path` at `line`.
    public func recordedRun(path: String, line: Int) -> RecordedRun {
        var modelSHA256 = ""
        if case .string(let sha)? = config["modelSHA256"] { modelSHA256 = sha }
        let record = RunRecord(
            id: nil, configJSON: config.compactText, configHash: configHash, task: task, method: method, seed: seed,
            stage: stage, protocolName: protocolName, modelName: model, modelSHA256: modelSHA256, gitCommit: gitCommit,
            host: host, processID: 0, started: started, finished: finished, status: .finished, wallSeconds: wallSeconds,
            examplesPerSecond: examplesPerSecond, bestAccuracy: bestAccuracy, bestTestAccuracy: bestTestAccuracy,
            mixLayers: mixLayers?.compactText, engine: engine)
        let recorded = finished ?? started
        let records = evaluations.map {
            EvaluationRecord(id: nil, runID: 0, step: $0.step, epoch: $0.epoch, split: $0.split,
                             accuracy: $0.accuracy, loss: $0.loss, recorded: recorded)
        }
        return RecordedRun(record: record, evaluations: records, source: .ledger(path: path, line: line))
    }

    /// The entry as one JSON line (no trailing newline).
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
