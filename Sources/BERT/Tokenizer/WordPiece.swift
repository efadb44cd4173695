/// Greedy longest-match-first WordPiece over a vocabulary, as in BERT: a word is cut into the
/// longest vocabulary entry that starts it, then the longest `##` continuation entry at each
/// following position. A word longer than 100 scalars, or one with a position where no entry
/// matches, becomes the single unknown token.
///
/// The vocabulary is held as a trie over UTF-8 bytes, so one walk finds the longest match and
/// comparisons are byte for byte (never up to Unicode canonical equivalence, as Swift's
/// `String ==` would be, and as the reference's Python dictionary is not).
struct WordPiece: Sendable {
    /// Words with more Unicode scalars than this become the unknown token.
    static let maxScalarsPerWord = 100

    /// Child links: key `node << 8 | byte` → child node.
    private let children: [Int: Int32]
    /// Per node, the id of the vocabulary entry that ends there, or -1.
    private let idAtNode: [Int32]
    /// The node reached by `##`, where continuation entries start; nil when the vocabulary has none.
    private let continuationRoot: Int32?
    /// The id emitted for words that cannot be cut.
    let unknownID: Int32

    /// Builds the trie; when a token occurs twice, its later line wins (as in the reference).
    init(vocabulary: [String], unknownID: Int32) {
        self.unknownID = unknownID
        var children: [Int: Int32] = [:]
        var idAtNode: [Int32] = [-1]
        for (id, token) in vocabulary.enumerated() {
            var node: Int32 = 0
            for byte in token.utf8 { node = Self.childOrInsert(node, byte, &children, &idAtNode) }
            idAtNode[Int(node)] = Int32(id)
        }
        let hash = Int(UInt8(ascii: "#"))
        continuationRoot = children[hash].flatMap { children[Int($0) << 8 | hash] }
        self.children = children
        self.idAtNode = idAtNode
    }

    private static func childOrInsert(_ node: Int32, _ byte: UInt8, _ children: inout [Int: Int32], _ idAtNode: inout [Int32]) -> Int32 {
        let key = Int(node) << 8 | Int(byte)
        if let child = children[key] { return child }
        let child = Int32(idAtNode.count)
        idAtNode.append(-1)
        children[key] = child
        return child
    }

    /// The id of the vocabulary entry whose UTF-8 bytes are exactly `utf8`.
    func id<Bytes: Sequence<UInt8>>(ofUTF8 utf8: Bytes) -> Int32? {
        var node: Int32 = 0
        for byte in utf8 {
            guard let child = children[Int(node) << 8 | Int(byte)] else { return nil }
            node = child
        }
        let id = idAtNode[Int(node)]
        return id >= 0 ? id : nil
    }

    /// Appends the WordPiece ids of one word (UTF-8 bytes, `scalarCount` scalars) to `ids`.
    func appendIDs(ofWord utf8: [UInt8], scalarCount: Int, to ids: inout [Int32]) {
        guard scalarCount <= Self.maxScalarsPerWord else {
            ids.append(unknownID)
            return
        }
        let firstPiece = ids.count
        var start = 0
        while start < utf8.count {
            guard let root = start == 0 ? 0 : continuationRoot,
                  let (end, id) = longestMatch(in: utf8, from: start, root: root) else {
                ids.removeSubrange(firstPiece...)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }

    /// The longest vocabulary entry below `root` that matches `utf8` from `start`: where the
    /// match ends and its id. At least one byte must match.
    private func longestMatch(in utf8: [UInt8], from start: Int, root: Int32) -> (end: Int, id: Int32)? {
        var best: (end: Int, id: Int32)?
        var node = root
        var position = start
        while position < utf8.count, let child = children[Int(node) << 8 | Int(utf8[position])] {
            node = child
            position += 1
            let id = idAtNode[Int(node)]
            if id >= 0 { best = (position, id) }
        }
        return best
    }
}
