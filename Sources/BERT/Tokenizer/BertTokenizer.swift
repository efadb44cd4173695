import Foundation

/// The BERT uncased tokenizer: special-token text split out, basic tokenizer, WordPiece,
/// `[CLS] a [SEP] (b [SEP])` with token types and longest-first truncation. It agrees id for
/// id with HuggingFace's slow `BertTokenizer` (`do_lower_case=True`).
public struct BertTokenizer: Sendable {
    /// The names of the special tokens; their literal text in the input maps to their ids.
    public static let specialTokenNames = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    /// Every vocabulary entry, indexed by id.
    public let vocabulary: [String]
    /// Id of `[PAD]`.
    public let padID: Int32
    /// Id of `[UNK]`.
    public let unkID: Int32
    /// Id of `[CLS]`.
    public let clsID: Int32
    /// Id of `[SEP]`.
    public let sepID: Int32
    /// Id of `[MASK]`.
    public let maskID: Int32
    /// Lower-case hex SHA-256 of the vocabulary file, for cache keys.
    public let vocabularySHA256: String

    private let wordPiece: WordPiece
    private let basicTokenizer = BasicTokenizer()
    /// The special tokens as UTF-8 bytes with their ids, for spotting them in input text.
    private let specialTokens: [(utf8: [UInt8], id: Int32)]

    /// Loads a `vocab.txt`; throws a one-line error naming the file when it cannot be read,
    /// is not UTF-8, or lacks one of the special tokens.
    public init(vocabularyFile: URL) throws {
        let file = try VocabularyFile(url: vocabularyFile)
        vocabulary = file.tokens
        vocabularySHA256 = file.sha256
        let provisional = WordPiece(vocabulary: file.tokens, unknownID: 0)
        var ids: [Int32] = []
        for name in Self.specialTokenNames {
            guard let id = provisional.id(ofUTF8: name.utf8) else {
                throw TokenizerError.missingSpecialToken(file: vocabularyFile.path, token: name)
            }
            ids.append(id)
        }
        (padID, unkID, clsID, sepID, maskID) = (ids[0], ids[1], ids[2], ids[3], ids[4])
        wordPiece = WordPiece(vocabulary: file.tokens, unknownID: ids[1])
        specialTokens = zip(Self.specialTokenNames, ids).map { (Array($0.utf8), $1) }
    }

    /// The id of a vocabulary entry, compared byte for byte; nil when it is not in the vocabulary.
    public func id(of token: String) -> Int32? {
        wordPiece.id(ofUTF8: token.utf8)
    }

    /// The WordPiece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func wordPieceIDs(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        appendWordPieceIDs(of: text, to: &ids)
        return ids
    }

    /// The WordPiece strings of `text` (basic tokenizer + WordPiece), e.g. `["token", "##ization"]`.
    public func wordPieces(_ text: String) -> [String] {
        wordPieceIDs(text).map { vocabulary[Int($0)] }
    }

    /// Encodes one sentence (`textB == nil`) or a pair. An empty `textB` is a real, empty second
    /// segment (`[CLS] a [SEP] [SEP]`). Pieces are removed longest-first until the encoding,
    /// special tokens included, fits in `maxLength` (at least 3).
    public func encode(_ textA: String, _ textB: String?, maxLength: Int = 128) -> TokenizedText {
        let piecesA = wordPieceIDs(textA)
        let piecesB = textB.map(wordPieceIDs)
        let specialCount = piecesB == nil ? 2 : 3
        let kept = Truncation.longestFirst(lengthA: piecesA.count, lengthB: piecesB?.count ?? 0,
                                           budget: maxLength - specialCount)
        var inputIds = [clsID] + piecesA.prefix(kept.a) + [sepID]
        var tokenTypeIds = [Int32](repeating: 0, count: inputIds.count)
        if let piecesB {
            inputIds += piecesB.prefix(kept.b) + [sepID]
            tokenTypeIds += [Int32](repeating: 1, count: kept.b + 1)
        }
        return TokenizedText(inputIds: inputIds, tokenTypeIds: tokenTypeIds,
                             tokens: inputIds.map { vocabulary[Int($0)] })
    }

    /// Appends the ids of `text`: literal special-token text (case-sensitive, e.g. `[MASK]`)
    /// becomes its id, the text between goes through the basic tokenizer and WordPiece.
    private func appendWordPieceIDs(of text: String, to ids: inout [Int32]) {
        let utf8 = text.utf8
        var chunkStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "["), let special = specialToken(at: index, in: utf8) {
                appendBasicWordPieceIDs(of: text[chunkStart..<index], to: &ids)
                ids.append(special.id)
                index = special.end
                chunkStart = index
            } else {
                utf8.formIndex(after: &index)
            }
        }
        appendBasicWordPieceIDs(of: text[chunkStart...], to: &ids)
    }

    /// The special token whose text starts at `index`, and where that text ends.
    private func specialToken(at index: String.Index, in utf8: String.UTF8View) -> (id: Int32, end: String.Index)? {
        for special in specialTokens where utf8[index...].starts(with: special.utf8) {
            return (special.id, utf8.index(index, offsetBy: special.utf8.count))
        }
        return nil
    }

    private func appendBasicWordPieceIDs(of text: Substring, to ids: inout [Int32]) {
        basicTokenizer.forEachWord(in: text) { word, scalarCount in
            wordPiece.appendIDs(ofWord: word, scalarCount: scalarCount, to: &ids)
        }
    }
}
