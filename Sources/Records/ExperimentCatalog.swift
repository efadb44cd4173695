/// The task, method, stage and protocol names every part of the suite spells the same way.
public enum ExperimentCatalog {
    /// Every task, in the paper's column order.
    public static let tasks = [
        "sst2", "qqp", "mnli", "qnli", "rte", "mrpc", "trec-coarse", "trec-fine", "anli-r1", "anli-r2", "anli-r3",
    ]
    /// The method of the first (plain fine-tuning) stage.
    public static let normalMethod = "normal"
    /// The paper's mixup methods of the second stage, SSMix and its ablations included.
    public static let paperMixMethods = ["ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "embedmix", "tmix", "unk"]
    /// The rest of the text-mixup family, run on the same footing (the paper has no numbers for them).
    public static let familyMixMethods = ["wordmix", "senmix", "manifold"]
    /// Every mixup method.
    public static let mixMethods = paperMixMethods + familyMixMethods
    /// The paper's methods: `normal` and its mixup methods.
    public static let paperMethods = [normalMethod] + paperMixMethods
    /// Every method: `normal` and the mixup methods.
    public static let methods = [normalMethod] + mixMethods
}

/// The two training stages of every experiment.
public enum TrainingStage: String, Codable, Sendable, CaseIterable {
    /// Plain fine-tuning from the pretrained encoder; saves the best checkpoint.
    case normal
    /// Fine-tuning again from that checkpoint with a mixup method.
    case mix
}
