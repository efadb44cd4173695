import Autodiff
import BERT
import Foundation
@testable import Mixup
import XCTest

/// Special token ids come from the vocabulary in use, not from bert-base-uncased's numbering.
final class SpecialTokensTests: XCTestCase {
    /// A vocabulary that numbers the special tokens unlike bert-base-uncased ([UNK] 7, [SEP] 2).
    private func reorderedVocabulary() throws -> URL {
        let tokens = ["[PAD]", "[CLS]", "[SEP]", "the", "cat", "sat", "[MASK]", "[UNK]", "on", "mat"]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID().uuidString).txt")
        try (tokens.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testIdsAreReadFromTheVocabulary() throws {
        let url = try reorderedVocabulary()
        defer { try? FileManager.default.removeItem(at: url) }
        let special = SpecialTokens(try BertTokenizer(vocabularyFile: url))
        XCTAssertEqual(special, SpecialTokens(unk: 7, sep: 2))
    }

    func testUnkAugmentationWritesTheVocabularysUnkId() throws {
        let url = try reorderedVocabulary()
        defer { try? FileManager.default.removeItem(at: url) }
        let tokenizer = try BertTokenizer(vocabularyFile: url)
        let mixer = try XCTUnwrap(RandomMixer(method: .unk, unkPercent: 50, specialTokens: SpecialTokens(tokenizer)))
        let ids = tokenizer.encode("the cat sat on the mat", nil, maxLength: 32).inputIds
        let target = TokenRow(ids: ids, types: [Int32](repeating: 0, count: ids.count))
        var random = SeededMixRandom(generator: SeededRNG(seed: 4))
        let mixed = mixer.mix(target: target, source: target, random: &random)
        XCTAssertFalse(mixed.replacedPositions.isEmpty)
        for position in mixed.replacedPositions { XCTAssertEqual(mixed.row.ids[position], 7, "position \(position)") }
        XCTAssertFalse(mixed.row.ids.contains(100), "bert-base-uncased's [UNK] id never appears")
    }
}
