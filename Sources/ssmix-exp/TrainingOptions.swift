import ArgumentParser
import Autodiff
import Foundation
import Plans
import Records
import Reports
import Training
import TextData

/// Options shared by every training command; each means the same thing everywhere.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Task: \(TaskRegistry.allNames.joined(separator: ", ")).") var task: String
    @Option(help: "Random seed (the paper uses 0–4). Both stages of one seed see the same training subset.") var seed: Int
    @Option(help: "Model directory with config.json, vocab.txt and model.safetensors.") var model = "models/all-MiniLM-L6-v2"
    @Option(help: "Data directory written by download-tsv.") var data = "data"
    @Option(help: "SQLite database that records runs (created when missing).") var db = "runs/ssmix.sqlite"
    @Option(name: .customLong("protocol"), help: "paper: the released code's behaviour (75% subset, eval-mode leak, no clipping); fixed: its bugs corrected.")
    var trainingProtocol = TrainingProtocol.paper
    @Option(help: "Batch size (mixup stages split it into two halves).") var batchSize = StageRecipe.released.batchSize
    @Option(help: "Maximum tokens per example, [CLS] and [SEP]s included.") var maxLength = StageRecipe.released.maxLength
    @Option(help: "Evaluate every N optimizer steps (default: min(500, batches per epoch)).") var evalEvery: Int?
    @Option(help: "Train on at most N examples (after the protocol's subset), e.g. for a quick look.") var maxTrainExamples: Int?
    @Option(help: "Save a training state every N optimizer steps (and on SIGINT, SIGTERM or SIGUSR1), so that an interrupted run continues exactly where it stopped.")
    var stateEvery = StageRunner.defaultStateEvery
    @Option(help: "Number format of the dense layers' matrix products: fp32 (default, exact to the references) or bf16 (bf16 inputs, fp32 accumulation, fp32 weights and optimizer; needs a CPU with AVX512-BF16). Part of the run's configuration: bf16 runs are recorded apart from fp32 ones.")
    var precision = Precision.fp32
    @Flag(help: "No progress output on stderr.") var quiet = false

    func validate() throws {
        guard TaskRegistry.allNames.contains(task) else {
            throw ValidationError("unknown --task \(task); choose one of \(TaskRegistry.allNames.joined(separator: ", "))")
        }
        guard seed >= 0 else { throw ValidationError("--seed must be 0 or more") }
        guard batchSize >= 2 else { throw ValidationError("--batch-size must be at least 2") }
        guard (3...512).contains(maxLength) else { throw ValidationError("--max-length must be in 3…512") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be positive") }
        if let maxTrainExamples, maxTrainExamples < 2 { throw ValidationError("--max-train-examples must be at least 2") }
        guard stateEvery >= 1 else { throw ValidationError("--state-every must be positive") }
    }

    /// The session these options describe.
    var sessionSettings: SessionSettings {
        SessionSettings(task: task, seed: seed, modelDirectory: URL(fileURLWithPath: model), dataDirectory: URL(fileURLWithPath: data),
                        database: URL(fileURLWithPath: db), trainingProtocol: trainingProtocol, batchSize: batchSize, maxLength: maxLength,
                        evalEvery: evalEvery, maxTrainExamples: maxTrainExamples, stateEvery: stateEvery, quiet: quiet,
                        precision: precision)
    }
}
