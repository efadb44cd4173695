/// The character classes and case rules of BERT's basic tokenizer, defined exactly as the
/// reference (HuggingFace's Python `BasicTokenizer`) defines them, so both agree on every
/// Unicode scalar.
enum UnicodeRules {
    /// True for characters the basic tokenizer deletes while cleaning: NUL, U+FFFD and every
    /// control or format character (general category C*) except tab, newline and carriage return.
    @inline(__always)
    static func isRemovedByCleaning(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0x7F
        }
        if value == 0xFFFD { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// True for characters that separate words: space, tab, newline, carriage return, every
    /// space separator (Zs), and the line and paragraph separators U+2028/U+2029 that Python's
    /// `str.split()` also splits on.
    @inline(__always)
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// True for punctuation: every non-alphanumeric printable ASCII character (so `$`, `+`, `^`
    /// count) and every character of general category P*.
    @inline(__always)
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (33...47).contains(value) || (58...64).contains(value)
                || (91...96).contains(value) || (123...126).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// True for CJK ideographs (the CJK Unified Ideographs blocks and their extensions A–E plus
    /// the compatibility ideographs), which the basic tokenizer makes words of their own.
    /// Hiragana, katakana and hangul are not in these blocks.
    @inline(__always)
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x3400 { return false }
        return (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x20000...0x2A6DF).contains(value) || (0x2A700...0x2B73F).contains(value)
            || (0x2B740...0x2B81F).contains(value) || (0x2B820...0x2CEAF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x2F800...0x2FA1F).contains(value)
    }

    /// Appends the lower-case form of `word` to `output` as Python's `str.lower()` computes it:
    /// the full (possibly multi-scalar) Unicode lower-case mapping, and capital sigma becomes
    /// final sigma `ς` at the end of a word (preceded by a cased letter and not followed by one,
    /// case-ignorable characters skipped in both directions).
    static func appendPythonLowercase(of word: [Unicode.Scalar], to output: inout String) {
        for index in word.indices {
            let scalar = word[index]
            if scalar.value == 0x03A3 {
                output.unicodeScalars.append(isFinalSigma(at: index, in: word) ? "\u{03C2}" : "\u{03C3}")
            } else if scalar.properties.changesWhenLowercased {
                output += scalar.properties.lowercaseMapping
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }

    /// The Final_Sigma condition of the Unicode standard, as Python's `str.lower()` tests it.
    private static func isFinalSigma(at index: Int, in word: [Unicode.Scalar]) -> Bool {
        var before = index - 1
        while before >= 0, word[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, word[before].properties.isCased else { return false }
        var after = index + 1
        while after < word.count, word[after].properties.isCaseIgnorable { after += 1 }
        return after == word.count || !word[after].properties.isCased
    }
}
