/// The training methods of the project: plain fine-tuning and every mixup variant.
///
/// Raw values are the names used on the command line, in plans and in the run records.
public enum MixMethod: String, CaseIterable, Codable, Sendable {
    /// Plain cross-entropy fine-tuning, no mixing (the first stage).
    case normal
    /// SSMix: the least salient span of the target is replaced by the most salient span of the source.
    case ssmix
    /// SSMix ablation: a random span, copied from the same position of the source.
    case ssmixNoSaliency = "ssmix-no-saliency"
    /// SSMix ablation: random single tokens, copied position for position from the source.
    case ssmixNoSaliencyNoSpan = "ssmix-no-saliency-no-span"
    /// Mixup of the embedding-layer outputs of two examples.
    case embedmix
    /// Mixup of the hidden states after a random encoder layer (TMix).
    case tmix
    /// A share of the content tokens becomes `[UNK]`; the label is kept (λ = 1).
    case unk
    /// Mixup of the word-embedding lookups, before position and token-type embeddings (Guo et al. 2019).
    case wordmix
    /// Mixup of the pooled sentence representations, before the classifier (Guo et al. 2019; Sun et al. 2020).
    case senmix
    /// Mixup of the hidden states at a layer drawn from {0 (embedding output), …, n} (Manifold Mixup, Verma et al. 2019).
    case manifold

    /// Whether the method builds new token rows before the model runs (the SSMix family and UNK).
    public var mixesInputTokens: Bool {
        switch self {
        case .ssmix, .ssmixNoSaliency, .ssmixNoSaliencyNoSpan, .unk: return true
        case .normal, .embedmix, .tmix, .wordmix, .senmix, .manifold: return false
        }
    }

    /// Whether the method mixes inside the model (embedding outputs or hidden states).
    public var mixesHiddenStates: Bool {
        switch self {
        case .embedmix, .tmix, .wordmix, .senmix, .manifold: return true
        case .normal, .ssmix, .ssmixNoSaliency, .ssmixNoSaliencyNoSpan, .unk: return false
        }
    }

    /// Whether the method draws the layer it mixes at (TMix, Manifold Mixup).
    public var drawsLayer: Bool { self == .tmix || self == .manifold }

    /// Whether each mixing step needs per-token saliency from the model first.
    public var needsSaliency: Bool { self == .ssmix }
}
