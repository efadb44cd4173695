/// What the trainer knows about a run before it starts; `RunStore.startRun` records it.
public struct NewRun: Hashable, Sendable {
    /// The full run configuration as JSON.
    public var configJSON: String
    /// A hash of `configJSON`; equal hashes mean the same experiment.
    public var configHash: String
    /// Task name, e.g. `trec-coarse`.
    public var task: String
    /// Method name, e.g. `normal` or `ssmix`.
    public var method: String
    /// Random seed.
    public var seed: Int
    /// `normal` or `mix`.
    public var stage: String
    /// `paper` or `fixed`.
    public var protocolName: String
    /// Encoder name, e.g. `all-MiniLM-L6-v2`.
    public var modelName: String
    /// sha256 of the encoder's weights file.
    public var modelSHA256: String
    /// The source revision that runs.
    public var gitCommit: String
    /// Host name of this machine.
    public var host: String
    /// The compute engine that runs it (`ComputeEngine.identity`).
    public var engine: String?

    /// Collects the facts of a run about to start.
    public init(configJSON: String, configHash: String, task: String, method: String, seed: Int, stage: String,
                protocolName: String, modelName: String, modelSHA256: String, gitCommit: String, host: String,
                engine: String? = nil) {
        self.configJSON = configJSON
        self.configHash = configHash
        self.task = task
        self.method = method
        self.seed = seed
        self.stage = stage
        self.protocolName = protocolName
        self.modelName = modelName
        self.modelSHA256 = modelSHA256
        self.gitCommit = gitCommit
        self.host = host
        self.engine = engine
    }
}

/// The run `RunStore.startRun` handed out: a new row, or an interrupted one taken up again.
public struct StartedRun: Hashable, Sendable {
    /// The run's row id, to pass to `recordEvaluation`, `finishRun` and `markRun`.
    public let id: Int64
    /// True when an earlier run with the same config hash was running or interrupted and is resumed.
    public let resumed: Bool
}
