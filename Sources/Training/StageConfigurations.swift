import BERT
import Foundation
import Mixup

/// The run configurations (and so the hashes that identify runs) that session settings give on a
/// model, computed without opening the database or reading the data: what dry runs and plan
/// status need.
public struct StageConfigurations: Sendable {
    public let settings: SessionSettings
    /// The encoder the stages train.
    public let model: ModelIdentity

    public init(settings: SessionSettings, model: ModelIdentity) {
        self.settings = settings
        self.model = model
    }

    /// The configuration of the normal stage.
    public func normal(epochs: Int, learningRate: Double) -> RunConfig {
        RunConfig(task: settings.task, method: .normal, seed: settings.seed, trainingProtocol: settings.trainingProtocol,
                  modelName: model.name, modelSHA256: model.weightsSHA256, epochs: epochs, learningRate: learningRate,
                  batchSize: settings.batchSize, maxLength: settings.maxLength, evalEvery: settings.evalEvery,
                  maxTrainExamples: settings.maxTrainExamples, precision: settings.precision == .fp32 ? nil : settings.precision)
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
                                 tmixLayers: method == .tmix ? HiddenMix.tmixLayers(depth: model.depth) : nil,
                                 saliency: method.needsSaliency ? options.saliency : .separate)
        return config
    }
}
