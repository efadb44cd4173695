import BERT
/// One tokenised example without padding: only its real (attention-mask 1) positions.
///
/// The attention mask is implicit: 1 on the first `ids.count` positions of a padded batch, 0
/// after. Batching pads rows itself (dynamic padding).
public struct TokenRow: Equatable, Sendable {
    /// Token ids, `[CLS] … [SEP]` (or `[CLS] a [SEP] b [SEP]` for a packed pair).
    public var ids: [Int32]
    /// Token type (segment) ids, one per token.
    public var types: [Int32]

    /// A row from ids and their token types; both must have the same count.
    public init(ids: [Int32], types: [Int32]) {
        precondition(ids.count == types.count, "TokenRow needs one token type per id")
        self.ids = ids
        self.types = types
    }

    /// A single-segment row: every token type is 0.
    public init(ids: [Int32]) {
        self.init(ids: ids, types: Array(repeating: 0, count: ids.count))
    }

    /// Number of real tokens, `[CLS]` and `[SEP]`s included.
    public var length: Int { ids.count }

    /// Number of tokens between the leading `[CLS]` and the final `[SEP]` (never negative).
    public var contentLength: Int { max(ids.count - 2, 0) }

    /// The row cut to at most `maxLength` tokens; a cut row gets `sep` as its last token.
    ///
    /// This is how the released code caps a mixing target (64 tokens per pair segment).
    public func capped(at maxLength: Int, sep: Int32) -> TokenRow {
        guard maxLength > 0, ids.count > maxLength else { return self }
        var cut = TokenRow(ids: Array(ids.prefix(maxLength)), types: Array(types.prefix(maxLength)))
        cut.ids[maxLength - 1] = sep
        return cut
    }
}

/// A mixed (or augmented) example and the weight of its own label.
public struct MixedRow: Equatable, Sendable {
    /// The new token row; it has the target's (possibly capped) length.
    public var row: TokenRow
    /// Weight of the target's label; the source's label gets `1 − lambda`.
    public var lambda: Float
    /// Positions of `row` whose ids were written by the mix, ascending.
    public var replacedPositions: [Int]

    /// A mixed row from its parts.
    public init(row: TokenRow, lambda: Float, replacedPositions: [Int]) {
        self.row = row
        self.lambda = lambda
        self.replacedPositions = replacedPositions
    }

    /// The target itself, unmixed, with λ = 1.
    public static func unmixed(_ row: TokenRow) -> MixedRow {
        MixedRow(row: row, lambda: 1, replacedPositions: [])
    }
}

/// The special token ids the mixing rules write.
public struct SpecialTokens: Equatable, Sendable {
    /// `[UNK]`, written by the UNK augmentation.
    public var unk: Int32
    /// `[SEP]`, written at the end of a capped target.
    public var sep: Int32

    /// Special ids from a vocabulary.
    public init(unk: Int32, sep: Int32) {
        self.unk = unk
        self.sep = sep
    }

    /// The ids `tokenizer`'s vocabulary gives `[UNK]` and `[SEP]`.
    public init(_ tokenizer: BertTokenizer) {
        self.init(unk: tokenizer.unkID, sep: tokenizer.sepID)
    }

    /// The ids of the bert-base-uncased vocabulary (also used by all-MiniLM-L6-v2): UNK 100, SEP 102.
    /// The reference vectors were made with it; training reads the ids from the model's vocabulary.
    public static let bertUncased = SpecialTokens(unk: 100, sep: 102)
}
