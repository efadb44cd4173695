import Foundation
import TestSupport
import XCTest
@testable import BERT

/// The tokenizer's parts on inputs whose answers are known independently of the golden file.
final class TokenizerUnitTests: XCTestCase {
    private func pythonLower(_ text: String) -> String {
        var output = ""
        UnicodeRules.appendPythonLowercase(of: Array(text.unicodeScalars), to: &output)
        return output
    }

    /// Expected values are Python 3's `str.lower()` of the same strings.
    func testLowercaseFollowsPythonIncludingFinalSigma() {
        let cases: [(String, [UInt32])] = [
            ("ΟΔΟΣ", [0x3BF, 0x3B4, 0x3BF, 0x3C2]),
            ("Σ", [0x3C3]),
            ("ΣΑ", [0x3C3, 0x3B1]),
            ("ΑΣ.Α", [0x3B1, 0x3C3, 0x2E, 0x3B1]),
            ("ΑΣ'", [0x3B1, 0x3C2, 0x27]),
            ("İI", [0x69, 0x307, 0x69]),
            ("ﬁ", [0xFB01]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(pythonLower(input).unicodeScalars.map(\.value), expected, input)
        }
    }

    func testBasicTokenizerCleansSplitsAndStripsAccents() {
        let basic = BasicTokenizer()
        XCTAssertEqual(basic.words("Héllo,\u{200B}WORLD!\u{2028}naïve\u{0000}"), ["hello", ",", "world", "!", "naive"])
        XCTAssertEqual(basic.words("中文abc"), ["中", "文", "abc"])
        XCTAssertEqual(basic.words("\u{0301} \t\n"), [])
        XCTAssertEqual(basic.words("$5+x"), ["$", "5", "+", "x"])
    }

    func testLongestFirstTruncationMatchesOneAtATimeRule() {
        for lengthA in 0...20 {
            for lengthB in 0...20 {
                for budget in 0...42 {
                    var (a, b) = (lengthA, lengthB)
                    while a + b > budget {
                        if a > b { a -= 1 } else { b -= 1 }
                    }
                    let kept = Truncation.longestFirst(lengthA: lengthA, lengthB: lengthB, budget: budget)
                    XCTAssertTrue(kept == (a, b), "\(lengthA)+\(lengthB) into \(budget): got \(kept), want \((a, b))")
                }
            }
        }
    }

    func testEncodeRespectsSmallMaxLengths() throws {
        let tokenizer = try BertTokenizer(vocabularyFile: TestPaths.model("vocab.txt"))
        let pair = tokenizer.encode("one two three", "four five", maxLength: 5)
        XCTAssertEqual(pair.tokens, ["[CLS]", "one", "[SEP]", "four", "[SEP]"])
        XCTAssertEqual(pair.tokenTypeIds, [0, 0, 0, 1, 1])
        XCTAssertEqual(tokenizer.encode("one two", nil, maxLength: 3).tokens, ["[CLS]", "one", "[SEP]"])
        XCTAssertEqual(tokenizer.encode("one", "two", maxLength: 3).tokens, ["[CLS]", "[SEP]", "[SEP]"])
    }

    // MARK: Vocabulary files

    private func vocabularyFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private let specials = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n"

    func testVocabularyLinesAndIdsFollowTheReference() throws {
        // CRLF and CR end lines too; a repeated token keeps its later id; "é" precomposed and
        // decomposed are different entries (compared byte for byte, not up to canonical equivalence).
        let text = specials + "caf\u{E9}\r\ncafe\u{301}\rx\n##y\nx"
        let tokenizer = try BertTokenizer(vocabularyFile: vocabularyFile(Array(text.utf8)))
        XCTAssertEqual(tokenizer.vocabulary.count, 10)
        XCTAssertEqual(tokenizer.id(of: "caf\u{E9}"), 5)
        XCTAssertEqual(tokenizer.id(of: "cafe\u{301}"), 6)
        XCTAssertEqual(tokenizer.id(of: "x"), 9)
        XCTAssertNil(tokenizer.id(of: "y"))
        XCTAssertEqual(tokenizer.wordPieces("xy xyz [MASK]"), ["x", "##y", "[UNK]", "[MASK]"])
        XCTAssertEqual(tokenizer.vocabularySHA256.count, 64)
    }

    func testBadVocabularyFilesGiveOneLineErrors() throws {
        let notUTF8 = try vocabularyFile(Array(specials.utf8) + [0x61, 0x0A, 0xFF, 0xFE, 0x0A])
        XCTAssertEqual(errorMessage { _ = try BertTokenizer(vocabularyFile: notUTF8) },
                       "vocabulary \(notUTF8.path), line 7: not valid UTF-8")
        let noMask = try vocabularyFile(Array("[PAD]\n[UNK]\n[CLS]\n[SEP]\n".utf8))
        XCTAssertEqual(errorMessage { _ = try BertTokenizer(vocabularyFile: noMask) },
                       "vocabulary \(noMask.path) has no [MASK] token; is it a BERT vocab.txt?")
        let empty = try vocabularyFile([])
        XCTAssertEqual(errorMessage { _ = try BertTokenizer(vocabularyFile: empty) },
                       "vocabulary \(empty.path) is empty")
        let missing = URL(fileURLWithPath: "/nonexistent/vocab.txt")
        XCTAssertTrue(errorMessage { _ = try BertTokenizer(vocabularyFile: missing) }.hasPrefix("cannot read vocabulary /nonexistent/vocab.txt"))
    }

    /// The one-line description of the error `body` throws.
    private func errorMessage(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }
}
