import BERT
import Foundation
import Mixup

/// The run configurations (and so the hashes that identify runs) that session settings give on a
/// model, computed without opening the database or reading the data: what dry runs and plan
/// status need.
public struct StageConfigurations: Sendable {
    public let settings: SessionSettings
    /// The model directory's name, the sha256 of its weights and its number of layers.
    public let modelName: String
    public let modelSHA256: String
    public let depth: Int

    /// Reads the model's weights (for their sha256) and its configuration.
    public init(settings: SessionSettings, model: ModelDirectory) throws {
        self.settings = settings
        modelName = model.name
        modelSHA256 = try model.weightsSHA256()
        depth = try BertConfig.load(from: model.configURL).numHiddenLayers
    }

    /// The configuration of the normal stage.
    public func normal(epochs: Int, learningRate: Double) -> RunConfig {
        RunConfig(task: settings.task, method: .normal, seed: settings.seed, trainingProtocol: settings.trainingProtocol,
                  modelName: modelName, modelSHA256: modelSHA256, epochs: epochs, learningRate: learningRate,
                  batchSize: settings.batchSize, maxLength: settings.maxLength, evalEvery: settings.evalEvery,
                  maxTrainExamples: settings.maxTrainExamples)
    }

    /// The configuration of the mixup stage `method` with `options`, continuing the normal stage
    /// the options describe.
    public func mix(method: MixMethod, options: MixStageOptions) -> RunConfig {
        var config = normal(epochs: options.normalEpochs, learningRate: options.normalLearningRate)
        config.startsFrom = config.hash
        config.method = method
        config.epochs = options.epochs
        config.learningRate = options.learningRate
        config.mix = MixSettings(windowPercent: options.windowPercent, alpha: options.alpha,
                                 tmixLayers: method == .tmix ? HiddenMix.tmixLayers(depth: depth) : nil,
                                 saliency: method.needsSaliency ? options.saliency : .separate)
        return config
    }
}
