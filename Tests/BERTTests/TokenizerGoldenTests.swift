import Foundation
import TestSupport
import XCTest
@testable import BERT

/// Every case of `tokenizer_cases.jsonl` (HuggingFace's slow BertTokenizer) must match id for id.
final class TokenizerGoldenTests: XCTestCase {
    private struct GoldenCase {
        let label: String
        let textA: String
        let textB: String?
        let inputIds: [Int32]
        let tokenTypeIds: [Int32]
        let tokens: [String]
        let wordPiecesA: Int
        let wordPiecesB: Int?

        init(_ object: [String: Any]) throws {
            guard let textA = object["text_a"] as? String,
                  let inputIds = object["input_ids"] as? [Int],
                  let tokenTypeIds = object["token_type_ids"] as? [Int],
                  let tokens = object["tokens"] as? [String],
                  let wordPiecesA = object["n_wordpieces_a"] as? Int else {
                throw GoldenFormatError(description: "tokenizer_cases.jsonl: a case lacks text_a, input_ids, token_type_ids, tokens or n_wordpieces_a")
            }
            label = "case \(object["id"] ?? "?") (\(object["source"] ?? "?"))"
            self.textA = textA
            textB = object["text_b"] as? String
            self.inputIds = inputIds.map(Int32.init)
            self.tokenTypeIds = tokenTypeIds.map(Int32.init)
            self.tokens = tokens
            self.wordPiecesA = wordPiecesA
            wordPiecesB = object["n_wordpieces_b"] as? Int
        }
    }

    private func loadCases() throws -> [GoldenCase] {
        let cases = try TestPaths.jsonLines("tokenizer_cases.jsonl").map(GoldenCase.init)
        XCTAssertFalse(cases.isEmpty, "tokenizer_cases.jsonl has no cases")
        return cases
    }

    private func loadTokenizer() throws -> BertTokenizer {
        try BertTokenizer(vocabularyFile: TestPaths.model("vocab.txt"))
    }

    func testEveryCaseMatchesIdForId() throws {
        let tokenizer = try loadTokenizer()
        var failures = 0
        for golden in try loadCases() {
            let encoded = tokenizer.encode(golden.textA, golden.textB, maxLength: 128)
            if encoded.inputIds != golden.inputIds || encoded.tokenTypeIds != golden.tokenTypeIds
                || encoded.tokens != golden.tokens {
                failures += 1
                XCTFail("\(golden.label): got \(encoded.tokens), want \(golden.tokens)")
            }
        }
        XCTAssertEqual(failures, 0)
    }

    func testWordPieceCountsBeforeTruncationMatch() throws {
        let tokenizer = try loadTokenizer()
        for golden in try loadCases() {
            XCTAssertEqual(tokenizer.wordPieceIDs(golden.textA).count, golden.wordPiecesA, golden.label)
            XCTAssertEqual(golden.textB.map { tokenizer.wordPieces($0).count }, golden.wordPiecesB, golden.label)
        }
    }

    func testSpecialIDsAreBertBaseUncased() throws {
        let tokenizer = try loadTokenizer()
        XCTAssertEqual([tokenizer.padID, tokenizer.unkID, tokenizer.clsID, tokenizer.sepID, tokenizer.maskID],
                       [0, 100, 101, 102, 103])
        XCTAssertEqual(tokenizer.vocabulary.count, 30522)
        XCTAssertEqual(tokenizer.vocabularySHA256, "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3")
    }
}
