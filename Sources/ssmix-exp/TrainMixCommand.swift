import ArgumentParser
import BERT
import Plans
import Records
import Reports
import Training
import Foundation
import Mixup
import TextData

/// Mixup-stage options shared by `train-mix` and `ablate`.
struct MixOptions: ParsableArguments {
    @Option(help: "Epochs of the mixup stage.") var epochs = StageRecipe.released.mixEpochs
    @Option(help: "Peak learning rate of the mixup stage (fresh AdamW and schedule).") var lr = StageRecipe.released.mixLearningRate
    @Option(help: "SSMix/UNK span: percent of the target's content tokens.") var window = StageRecipe.released.windowPercent
    @Option(help: "Beta(α, α) parameter of the hidden-state methods (EmbedMix, TMix, WordMix, SenMix, Manifold Mixup).") var alpha = StageRecipe.released.alpha
    @Option(help: "SSMix saliency: separate (the released code's own passes) or shared (from the step's clean forward/backward; --protocol fixed only).")
    var saliency = SaliencyMode.separate
    @Option(help: "Epochs of the normal stage this one starts from (run first when missing).") var normalEpochs = StageRecipe.released.normalEpochs
    @Option(help: "Learning rate of that normal stage.") var normalLr = StageRecipe.released.normalLearningRate
    @Option(help: "Print N mixed examples of the first step as text, the replaced tokens marked, with λ (hidden-state methods: the first pair, λ and where it mixed).") var showExamples = 0

    func validate() throws {
        guard epochs > 0, normalEpochs > 0 else { throw ValidationError("--epochs and --normal-epochs must be positive") }
        guard lr > 0, normalLr > 0 else { throw ValidationError("--lr and --normal-lr must be positive") }
        guard (1...100).contains(window) || window == -1 else { throw ValidationError("--window must be a percent in 1…100 (or -1: random)") }
        guard alpha > 0 else { throw ValidationError("--alpha must be positive") }
        guard showExamples >= 0 else { throw ValidationError("--show-examples must be 0 or more") }
    }

    /// Runs one mixup method on a session, printing examples when asked.
    func run(method: MixMethod, session: TrainingSession) throws -> StageResult {
        var stage = MixStageOptions()
        stage.epochs = epochs; stage.learningRate = lr; stage.windowPercent = window; stage.alpha = alpha
        stage.normalEpochs = normalEpochs; stage.normalLearningRate = normalLr; stage.showExamples = showExamples
        stage.saliency = saliency
        if showExamples > 0 {
            let tokenizer = try BertTokenizer(vocabularyFile: session.model.vocabularyURL)
            let word: (Int32) -> String = { id in Int(id) < tokenizer.vocabulary.count ? tokenizer.vocabulary[Int(id)] : "[\(id)]" }
            stage.exampleSink = { target, mixed in print(MixExampleRenderer.render(target: target, mixed: mixed, token: word)) }
            stage.drawSink = { a, b, draw, point in
                print("A: \(a.ids.map(word).joined(separator: " "))\nB: \(b.ids.map(word).joined(separator: " "))\n"
                      + String(format: "mixed at %@ with λ %.4f (A's share; the label weights are λ and 1 − λ)", point, draw.lambda))
            }
        }
        return try session.runMix(method: method, options: stage)
    }
}

/// `ssmix-exp train-mix`: the second stage, one mixup method from the best normal checkpoint.
struct TrainMixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-mix",
        abstract: "Fine-tune the best normal checkpoint again with a mixup method.",
        discussion: """
        Methods: the paper's ssmix, embedmix, tmix and unk; the ablations ssmix-no-saliency and \
        ssmix-no-saliency-no-span; the rest of the mixup family wordmix, senmix and manifold.

        The stage starts from the best normal checkpoint of the same task and seed (running \
        train-normal first when it is missing), with a fresh AdamW and schedule: 5 epochs at lr \
        1e-5 by default. Each step splits the batch into halves A and B and trains on CE(A), \
        CE(B), mix(A←B) and mix(B←A).

        Example:
          ssmix-exp train-mix --task trec-fine --seed 0 --method ssmix --show-examples 3
        """
    )

    @OptionGroup var options: TrainingOptions
    @Option(help: "Mixup method.") var method: MixMethod
    @OptionGroup var mix: MixOptions

    func validate() throws {
        guard method != .normal else {
            throw ValidationError("--method normal is the first stage (train-normal); choose one of \(MixMethod.allCases.filter { $0 != .normal }.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let session = try TrainingSession(settings: options.sessionSettings)
        let result = try mix.run(method: method, session: session)
        print(session.summary(method: method, result))
    }
}

/// `ssmix-exp ablate`: Table B.1's rows for one task and seed.
struct AblateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Run SSMix, its two ablations and UNK (Table B.1) for one task and seed.",
        discussion: "Example:\n  ssmix-exp ablate --task trec-coarse --seed 0"
    )

    @OptionGroup var options: TrainingOptions
    @Option(help: "Comma-separated methods to run.") var variants = "ssmix,ssmix-no-saliency,ssmix-no-saliency-no-span,unk"
    @OptionGroup var mix: MixOptions

    private var methods: [MixMethod] { variants.split(separator: ",").compactMap { MixMethod(rawValue: String($0)) } }

    func validate() throws {
        let names = variants.split(separator: ",").map(String.init)
        for name in names where MixMethod(rawValue: name) == nil || name == "normal" {
            throw ValidationError("unknown variant \(name) in --variants")
        }
        guard !names.isEmpty else { throw ValidationError("--variants is empty") }
    }

    func run() throws {
        let session = try TrainingSession(settings: options.sessionSettings)
        for method in methods {
            let result = try mix.run(method: method, session: session)
            print(session.summary(method: method, result))
        }
    }
}
