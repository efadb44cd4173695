/// The released training recipe's defaults (reference §3): what every command and plan uses
/// unless told otherwise. Nothing else in the suite writes these numbers.
public struct StageRecipe: Sendable, Equatable {
    /// Examples per optimizer step (mixup stages split them into two halves).
    public var batchSize = 32
    /// Tokens per example, [CLS] and [SEP]s included.
    public var maxLength = 128
    /// Epochs of the first (normal) stage.
    public var normalEpochs = 3
    /// Peak learning rate of the first stage.
    public var normalLearningRate = 5e-5
    /// Epochs of a mixup stage.
    public var mixEpochs = 5
    /// Peak learning rate of a mixup stage (fresh AdamW and schedule).
    public var mixLearningRate = 1e-5
    /// SSMix / UNK span size, percent of the target's content tokens.
    public var windowPercent = 10
    /// Beta(α, α) parameter of EmbedMix and TMix.
    public var alpha = 0.2

    /// The released recipe.
    public static let released = StageRecipe()
}
