import Foundation

/// The encoder's hyper-parameters, read from a HuggingFace `config.json`.
public struct BertConfig: Codable, Equatable, Sendable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var typeVocabSize: Int
    public var hiddenDropoutProb: Float
    public var attentionProbsDropoutProb: Float
    public var layerNormEps: Float
    public var hiddenAct: String

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
        case maxPositionEmbeddings = "max_position_embeddings", typeVocabSize = "type_vocab_size"
        case hiddenDropoutProb = "hidden_dropout_prob", attentionProbsDropoutProb = "attention_probs_dropout_prob"
        case layerNormEps = "layer_norm_eps", hiddenAct = "hidden_act"
    }

    /// A configuration given field by field (e.g. a BERT-base shape for benchmarks).
    public init(vocabSize: Int = 30522, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int, maxPositionEmbeddings: Int = 512, typeVocabSize: Int = 2,
                hiddenDropoutProb: Float = 0.1, attentionProbsDropoutProb: Float = 0.1, layerNormEps: Float = 1e-12) {
        self.vocabSize = vocabSize; self.hiddenSize = hiddenSize; self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads; self.intermediateSize = intermediateSize
        self.maxPositionEmbeddings = maxPositionEmbeddings; self.typeVocabSize = typeVocabSize
        self.hiddenDropoutProb = hiddenDropoutProb; self.attentionProbsDropoutProb = attentionProbsDropoutProb
        self.layerNormEps = layerNormEps; self.hiddenAct = "gelu"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        numHiddenLayers = try c.decode(Int.self, forKey: .numHiddenLayers)
        numAttentionHeads = try c.decode(Int.self, forKey: .numAttentionHeads)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 512
        typeVocabSize = try c.decodeIfPresent(Int.self, forKey: .typeVocabSize) ?? 2
        hiddenDropoutProb = try c.decodeIfPresent(Float.self, forKey: .hiddenDropoutProb) ?? 0.1
        attentionProbsDropoutProb = try c.decodeIfPresent(Float.self, forKey: .attentionProbsDropoutProb) ?? 0.1
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-12
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "gelu"
    }

    /// Reads `config.json`; errors name the file and what is wrong.
    public static func load(from url: URL) throws -> BertConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelError.missingFile(url.path, hint: "a model directory holds config.json, vocab.txt and model.safetensors")
        }
        let config: BertConfig
        do { config = try JSONDecoder().decode(BertConfig.self, from: data) } catch {
            throw ModelError.invalid(url.path, "not a BERT config.json (\(describe(error)))")
        }
        guard config.hiddenAct == "gelu" else { throw ModelError.invalid(url.path, "hidden_act \(config.hiddenAct) is not supported (only gelu)") }
        guard config.numAttentionHeads > 0, config.hiddenSize % config.numAttentionHeads == 0 else {
            throw ModelError.invalid(url.path, "hidden_size \(config.hiddenSize) is not divisible by num_attention_heads \(config.numAttentionHeads)")
        }
        return config
    }
}

/// A short description of a decoding error (the missing or mistyped key).
func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "missing key \(key.stringValue)"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
         DecodingError.dataCorrupted(let context):
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "bad value at \(path)"
    default: return "\(error)"
    }
}

/// Errors loading or saving a model.
public enum ModelError: Error, CustomStringConvertible, LocalizedError {
    case missingFile(String, hint: String)
    case invalid(String, String)
    case missingTensor(file: String, tensor: String)
    case shapeMismatch(file: String, tensor: String, expected: [Int], got: [Int])

    public var description: String {
        switch self {
        case let .missingFile(path, hint): return "\(path): not found (\(hint))"
        case let .invalid(path, message): return "\(path): \(message)"
        case let .missingTensor(file, tensor): return "\(file): tensor \(tensor) is missing"
        case let .shapeMismatch(file, tensor, expected, got):
            return "\(file): tensor \(tensor) has shape \(got), the model expects \(expected)"
        }
    }

    public var errorDescription: String? { description }
}
