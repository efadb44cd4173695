import XCTest
@testable import Mixup

/// `ssmix-no-saliency` against the released code, with the recorded draws injected:
/// `ssmix_nosal_single.jsonl` (incl. `ss_winsize = -1`) and `ssmix_nosal_pair.jsonl`.
final class NoSaliencyGoldenTests: XCTestCase {
    func testEverySingleSentenceCase() throws {
        try RandomGoldenRunner.runSingleCases("ssmix_nosal_single.jsonl", rule: Self.rule) { mixed, golden in
            let chosen = try golden.object("chosen")
            let width = try chosen.int("window_size")
            let sourceLength = try golden.object("source_example").int("length")
            var expected: [Int] = []
            if chosen.has("start") {
                let start = try chosen.int("start")
                if start <= sourceLength - width { expected = Array(start..<start + width) }
            }
            XCTAssertEqual(mixed.replacedPositions, expected, "\(golden.context): replaced span")
        }
    }

    func testEveryPairCase() throws {
        try RandomGoldenRunner.runPairCases("ssmix_nosal_pair.jsonl", rule: Self.rule)
    }

    private static func rule(_ golden: GoldenObject) throws -> RandomMixer.Rule {
        .randomSpan(SpanWidth(windowPercent: try golden.int("ss_winsize")))
    }
}
