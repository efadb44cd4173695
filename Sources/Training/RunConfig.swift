import Autodiff
import FileSupport
import Foundation
import Mixup
import Records

/// Everything that determines a training run. A run is a pure function of its configuration (and
/// the data and weights it names); its hash identifies the run in the database, so a finished run
/// is never repeated.
public struct RunConfig: Codable, Hashable, Sendable {
    /// Task name (e.g. `trec-coarse`).
    public var task: String
    /// `normal` for the first stage, a mixup method for the second.
    public var method: MixMethod
    public var seed: Int
    /// The released code's behaviour or its bugs corrected (stored under the key `protocolName`).
    public var trainingProtocol: TrainingProtocol
    /// The model directory's name and the sha256 of its weights.
    public var modelName: String
    public var modelSHA256: String
    public var epochs: Int
    public var learningRate: Double
    public var batchSize: Int
    public var maxLength: Int
    /// Evaluate every this many optimizer steps; nil: min(500, batches per epoch).
    public var evalEvery: Int?
    /// Use at most this many training examples (after the protocol's subset); nil: all.
    public var maxTrainExamples: Int?
    /// Mixup stage only: the config hash of the normal run whose best checkpoint it starts from.
    public var startsFrom: String?
    /// Mixup stage only: method settings (window percent, α, TMix layers, saliency mode).
    public var mix: MixSettings?
    /// The dense layers' product precision; nil: fp32 (left out of the JSON, so that the hashes of
    /// fp32 runs are those recorded before precision was a setting).
    public var precision: Precision? = nil

    /// The precision the run's products use.
    public var productPrecision: Precision { precision ?? .fp32 }

    /// The first stage (`normal`) or a mixup stage.
    public var stage: TrainingStage { method == .normal ? .normal : .mix }

    /// The stored keys; `protocolName` keeps its name so that hashes of earlier runs stay valid.
    enum CodingKeys: String, CodingKey {
        case task, method, seed, trainingProtocol = "protocolName", modelName, modelSHA256, epochs, learningRate, batchSize,
             maxLength, evalEvery, maxTrainExamples, startsFrom, mix, precision
    }

    /// The configuration as JSON with sorted keys (what is stored and hashed).
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// sha256 of ``canonicalJSON()``, hex.
    public var hash: String {
        Checksum.sha256Hex(canonicalJSON())
    }
}

/// The settings of a mixup stage.
public struct MixSettings: Codable, Hashable, Sendable {
    /// SSMix / UNK span size, percent of the target's content length.
    public var windowPercent: Int
    /// Beta(α, α) parameter of EmbedMix and TMix.
    public var alpha: Double
    /// TMix: the layers (1-based) after which mixing may happen, mapped to the model's depth.
    public var tmixLayers: [Int]?
    /// SSMix: where saliency comes from (`separate` for other methods).
    public var saliency: SaliencyMode

    public init(windowPercent: Int, alpha: Double, tmixLayers: [Int]?, saliency: SaliencyMode) {
        self.windowPercent = windowPercent; self.alpha = alpha; self.tmixLayers = tmixLayers; self.saliency = saliency
    }
}
