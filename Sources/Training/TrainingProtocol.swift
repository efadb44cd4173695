import TextData

/// How a stage trains: the released code's behaviour, or its bugs corrected. Every difference
/// between the two lives here; the trainer asks this type and never compares protocol names.
public enum TrainingProtocol: String, Codable, CaseIterable, Sendable {
    /// The released code's behaviour, quirks included (reference §3): a seeded 75% of the
    /// training set, evaluation leaving the model in eval mode for the rest of the epoch, no
    /// effective gradient clipping, ANLI's test accuracy feeding the best-so-far.
    case paper
    /// The bugs corrected: the whole training set, train mode after each evaluation, gradient
    /// norm clipped at 1.0, ANLI dev and test tracked separately.
    case fixed

    /// Which training examples a run sees (the released code keeps a seeded 75%).
    public var dataProtocol: DataProtocol {
        switch self {
        case .paper: return .paper
        case .fixed: return .fixed
        }
    }

    /// The gradient norm is clipped to this after backward; nil: no clipping.
    public var clipNorm: Double? { self == .fixed ? 1.0 : nil }

    /// Whether the model stays in eval mode after an evaluation until the next epoch starts
    /// (the released code's eval-mode leak).
    public var staysInEvalModeAfterEvaluation: Bool { self == .paper }

    /// Whether the report split's accuracy (ANLI test) feeds the best-so-far that selects
    /// checkpoints (the released code's bug).
    public var reportAccuracyFeedsBest: Bool { self == .paper }

    /// Whether SSMix on sentence pairs replicates the released code's length aliasing.
    public var aliasesPairLengths: Bool { self == .paper }

    /// Whether SSMix may take its saliency from the step's clean pass (``SaliencyMode/shared``),
    /// which the released code does not do.
    public var allowsSharedSaliency: Bool { self == .fixed }
}
