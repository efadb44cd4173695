import BERT
import Foundation

/// What a run's configuration records of its encoder: the model directory's name, the sha256 of
/// its weights and its number of layers. Reading the weights for the hash is the expensive part,
/// so a plan computes one identity per model and shares it between cells.
public struct ModelIdentity: Sendable {
    public let name: String
    public let weightsSHA256: String
    public let depth: Int

    /// Reads the model's weights (for their sha256) and its configuration.
    public init(model: ModelDirectory) throws {
        name = model.name
        weightsSHA256 = try model.weightsSHA256()
        depth = try BertConfig.load(from: model.configURL).numHiddenLayers
    }
}
