/// One encoded input: `[CLS] a [SEP]` or `[CLS] a [SEP] b [SEP]`, unpadded.
/// Encodes to JSON as `input_ids`, `token_type_ids` and `tokens`.
public struct TokenizedText: Codable, Equatable, Sendable {
    /// Vocabulary ids, special tokens included.
    public var inputIds: [Int32]
    /// 0 for `[CLS] a [SEP]`, 1 for `b [SEP]`.
    public var tokenTypeIds: [Int32]
    /// The vocabulary entry of each id (`##` marks a continuation piece).
    public var tokens: [String]

    /// Creates an encoding from its three parallel arrays.
    public init(inputIds: [Int32], tokenTypeIds: [Int32], tokens: [String]) {
        self.inputIds = inputIds
        self.tokenTypeIds = tokenTypeIds
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey {
        case inputIds = "input_ids"
        case tokenTypeIds = "token_type_ids"
        case tokens
    }
}
