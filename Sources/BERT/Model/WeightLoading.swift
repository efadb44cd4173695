import Autodiff

/// Named tensors that weights can be loaded from (a safetensors file, a checkpoint).
public protocol WeightSource {
    /// Where the tensors come from, for error messages.
    var location: String { get }
    /// Every tensor name in the source.
    var tensorNames: [String] { get }
    /// The shape of a tensor.
    func shape(of name: String) throws -> [Int]
    /// A tensor's values as Float32, row-major.
    func floats(_ name: String) throws -> [Float]
}

extension BertClassifier {
    /// The classifier-head names in HuggingFace checkpoints.
    public static let headNames = ["classifier.weight", "classifier.bias"]

    /// Number of labels of the head stored in `source`, if it holds one.
    public static func storedHeadLabels(in source: WeightSource) throws -> Int? {
        guard source.tensorNames.contains("classifier.weight") else { return nil }
        return try source.shape(of: "classifier.weight").first
    }

    /// Copies every parameter from `source`, found under its HuggingFace name with or without the
    /// `bert.` prefix (`embeddings.position_ids` and other extra tensors are ignored). The classifier
    /// head is loaded when the source has one and otherwise keeps its N(0, 0.02) initialisation.
    /// - Throws: ``ModelError`` naming the file and tensor when one is missing or has another shape.
    public func loadWeights(from source: WeightSource) throws {
        let available = Set(source.tensorNames)
        for parameter in parameters {
            let candidates = [parameter.name, "bert." + parameter.name]
            guard let name = candidates.first(where: available.contains) else {
                if Self.headNames.contains(parameter.name) { continue }
                throw ModelError.missingTensor(file: source.location, tensor: parameter.name)
            }
            let shape = try source.shape(of: name)
            guard shape == parameter.shape else {
                throw ModelError.shapeMismatch(file: source.location, tensor: name, expected: parameter.shape, got: shape)
            }
            try parameter.assign(source.floats(name))
        }
    }

    /// The parameters as (HuggingFace name, shape, values), encoder names prefixed with `bert.` as
    /// `BertForSequenceClassification` stores them, ready to be written as safetensors.
    public func namedWeights() -> [(name: String, shape: [Int], values: [Float])] {
        parameters.map { p in
            (Self.headNames.contains(p.name) ? p.name : "bert." + p.name, p.shape, p.tensor.values)
        }
    }
}
