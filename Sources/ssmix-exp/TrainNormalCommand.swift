import ArgumentParser
import BERT
import Plans
import Records
import Reports
import Training
import Foundation
import TextData

/// `ssmix-exp train-normal`: the first stage, plain fine-tuning, keeping the best checkpoint.
struct TrainNormalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-normal",
        abstract: "Fine-tune the classifier without mixup and keep its best checkpoint.",
        discussion: """
        The released recipe: 3 epochs at lr 5e-5, batch 32, AdamW (eps 1e-8, weight decay 1e-4), \
        linear warm-up over 10% of the steps, evaluation every min(500, batches per epoch) steps. \
        The best checkpoint goes to runs/checkpoints/<task>/<seed>/normal/.

        A run that already finished with the same settings is skipped; an interrupted one \
        continues from its latest training state (runs/states/, every --state-every steps and on \
        SIGINT, SIGTERM or SIGUSR1), bit for bit.

        Example:
          ssmix-exp train-normal --task trec-coarse --seed 0
        """
    )

    @OptionGroup var options: TrainingOptions
    @Option(help: "Epochs.") var epochs = StageRecipe.released.normalEpochs
    @Option(help: "Peak learning rate.") var lr = StageRecipe.released.normalLearningRate

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
        guard lr > 0 else { throw ValidationError("--lr must be positive") }
    }

    func run() throws {
        let session = try TrainingSession(settings: options.sessionSettings)
        let result = try session.runNormal(epochs: epochs, learningRate: lr)
        print(session.summary(method: .normal, result))
    }
}
