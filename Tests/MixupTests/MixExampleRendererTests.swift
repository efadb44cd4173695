import XCTest
@testable import Mixup

final class MixExampleRendererTests: XCTestCase {
    func testReplacedRunsAreBracketed() {
        let vocabulary: [Int32: String] = [101: "[CLS]", 102: "[SEP]", 1: "a", 2: "fine", 3: "film", 4: "dull", 5: "plot"]
        let target = TokenRow(ids: [101, 1, 2, 3, 102])
        let mixed = MixedRow(row: TokenRow(ids: [101, 4, 5, 3, 102]), lambda: 1 - 2.0 / 3, replacedPositions: [1, 2])
        let text = MixExampleRenderer.render(target: target, mixed: mixed) { vocabulary[$0] ?? "?" }
        XCTAssertEqual(text, "target: [CLS] a fine film [SEP]\nmixed (λ = 0.3333): [CLS] [[ dull plot ]] film [SEP]")
    }

    func testSeparateRunsGetSeparateBrackets() {
        let mixed = MixedRow(row: TokenRow(ids: [101, 100, 7, 100, 102]), lambda: 1, replacedPositions: [1, 3])
        XCTAssertEqual(MixExampleRenderer.markedTokens(mixed) { $0 == 100 ? "[UNK]" : "\($0)" },
                       ["101", "[[", "[UNK]", "]]", "7", "[[", "[UNK]", "]]", "102"])
    }
}
