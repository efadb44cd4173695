import Autodiff

/// A padded batch of token ids: `size` examples of `length` positions, row-major.
/// Padding is on the right with id 0, token type 0 and mask 0.
public struct TokenBatch: Equatable, Sendable {
    public let size: Int
    public let length: Int
    public var inputIds: [Int32]
    public var tokenTypeIds: [Int32]
    public var attentionMask: [Int32]

    /// A batch from its padded arrays.
    public init(size: Int, length: Int, inputIds: [Int32], tokenTypeIds: [Int32], attentionMask: [Int32]) throws {
        guard inputIds.count == size * length, tokenTypeIds.count == size * length, attentionMask.count == size * length else {
            throw TensorError.invalidArgument(op: "TokenBatch", message: "arrays must hold \(size)×\(length) values")
        }
        self.size = size; self.length = length
        self.inputIds = inputIds; self.tokenTypeIds = tokenTypeIds; self.attentionMask = attentionMask
    }

    /// Dynamic padding: pads each example to the longest one in the batch (at least `minimumLength`).
    public init(examples: [(ids: [Int32], types: [Int32])], minimumLength: Int = 1) {
        let length = max(examples.map(\.ids.count).max() ?? 0, minimumLength)
        size = examples.count
        self.length = length
        inputIds = []; tokenTypeIds = []; attentionMask = []
        inputIds.reserveCapacity(size * length)
        for example in examples {
            let pad = length - example.ids.count
            inputIds += example.ids + [Int32](repeating: 0, count: pad)
            tokenTypeIds += example.types + [Int32](repeating: 0, count: pad)
            attentionMask += [Int32](repeating: 1, count: example.ids.count) + [Int32](repeating: 0, count: pad)
        }
    }

    /// Number of real tokens of example `i` (CLS and SEPs included).
    public func realLength(_ i: Int) -> Int {
        attentionMask[(i * length)..<((i + 1) * length)].reduce(0) { $0 + Int($1) }
    }

    /// The additive attention mask `[size, length]`: 0 on real tokens, −10000 on padding.
    public func additiveMask() throws -> Tensor { try Self.additiveMask(attentionMask, size: size, length: length) }

    /// The additive mask of a 0/1 mask of `size × length` values.
    public static func additiveMask(_ mask: [Int32], size: Int, length: Int) throws -> Tensor {
        try Tensor(shape: [size, length], values: mask.map { $0 == 0 ? -10000 : 0 })
    }
}
