import Foundation

/// BERT's basic tokenizer for uncased models: cleans the text, pads CJK ideographs with
/// spaces, splits on whitespace, lower-cases each word as Python does, strips accents
/// (canonical decomposition, then every non-spacing mark dropped) and splits punctuation
/// into words of its own.
///
/// Words are handed out as UTF-8 bytes, ready for the WordPiece trie, together with their
/// length in Unicode scalars (the unit of the 100-character rule).
struct BasicTokenizer: Sendable {
    /// Calls `body` once per word of `text`, in order, with the word's UTF-8 bytes and its
    /// number of Unicode scalars. Empty words are never reported.
    func forEachWord(in text: Substring, _ body: (_ utf8: [UInt8], _ scalarCount: Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var emitter = WordEmitter(body: body)
            emitWords(of: text, through: &emitter)
        }
    }

    /// The whitespace and CJK splitting of `text`, each raw word handed to `emitter`.
    private func emitWords(of text: Substring, through emitter: inout WordEmitter) {
        var rawWord: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if UnicodeRules.isRemovedByCleaning(scalar) { continue }
            if UnicodeRules.isSeparator(scalar) {
                emitter.emitNormalised(rawWord)
                rawWord.removeAll(keepingCapacity: true)
            } else if UnicodeRules.isCJKIdeograph(scalar) {
                emitter.emitNormalised(rawWord)
                rawWord.removeAll(keepingCapacity: true)
                emitter.emitNormalised([scalar])
            } else {
                rawWord.append(scalar)
            }
        }
        emitter.emitNormalised(rawWord)
    }

    /// The words of `text` as strings (for inspection and tests; encoding uses `forEachWord`).
    func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(in: text[...]) { utf8, _ in result.append(String(decoding: utf8, as: UTF8.self)) }
        return result
    }
}

/// Normalises whitespace-delimited words and reports the pieces between punctuation,
/// reusing its buffers from word to word.
private struct WordEmitter {
    let body: (_ utf8: [UInt8], _ scalarCount: Int) -> Void
    private var normalised: [Unicode.Scalar] = []
    private var piece: [UInt8] = []
    private var pieceScalars = 0

    init(body: @escaping (_ utf8: [UInt8], _ scalarCount: Int) -> Void) {
        self.body = body
    }

    /// Lower-cases and accent-strips `rawWord`, then reports it split at punctuation.
    mutating func emitNormalised(_ rawWord: [Unicode.Scalar]) {
        guard !rawWord.isEmpty else { return }
        normalise(rawWord)
        for scalar in normalised {
            if UnicodeRules.isPunctuation(scalar) {
                flushPiece()
                appendToPiece(scalar)
                flushPiece()
            } else {
                appendToPiece(scalar)
            }
        }
        flushPiece()
    }

    /// Fills `normalised` with the lower-case, accent-free form of `rawWord`. ASCII words take
    /// a fast path: they have no accents and lower-case byte by byte.
    private mutating func normalise(_ rawWord: [Unicode.Scalar]) {
        normalised.removeAll(keepingCapacity: true)
        if rawWord.allSatisfy({ $0.isASCII }) {
            for scalar in rawWord {
                let value = scalar.value
                normalised.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            }
            return
        }
        var lowered = ""
        UnicodeRules.appendPythonLowercase(of: rawWord, to: &lowered)
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            normalised.append(scalar)
        }
    }

    private mutating func appendToPiece(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { piece.append($0) }
        pieceScalars += 1
    }

    private mutating func flushPiece() {
        guard !piece.isEmpty else { return }
        body(piece, pieceScalars)
        piece.removeAll(keepingCapacity: true)
        pieceScalars = 0
    }
}
