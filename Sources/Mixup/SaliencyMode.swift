/// Where SSMix's saliency comes from.
public enum SaliencyMode: String, CaseIterable, Codable, Sendable {
    /// The released code's own saliency passes: separate train-mode forward/backward passes per
    /// direction (and per segment for pairs), before the step's clean and mixed passes.
    case separate
    /// The gradient of the step's clean losses CE(A), CE(B) with respect to the embedding output,
    /// taken from the clean forward/backward the step runs anyway (`--protocol fixed` only).
    case shared
}
