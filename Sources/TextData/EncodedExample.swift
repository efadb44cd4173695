/// One tokenised example, ready for batching: `[CLS] a [SEP] (b [SEP])` ids without padding.
public struct EncodedExample: Codable, Equatable, Sendable {
    /// Token ids.
    public var inputIds: [Int32]
    /// Segment ids, one per token (0 for the first sentence, 1 for the second).
    public var tokenTypeIds: [Int32]
    /// The class id.
    public var label: Int32

    /// An example from its ids, segment ids and class id.
    public init(inputIds: [Int32], tokenTypeIds: [Int32], label: Int32) {
        self.inputIds = inputIds
        self.tokenTypeIds = tokenTypeIds
        self.label = label
    }
}
