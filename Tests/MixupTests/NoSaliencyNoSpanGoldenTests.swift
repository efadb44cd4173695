import XCTest
@testable import Mixup

/// `ssmix-no-saliency-no-span` against the released code, with the recorded draws injected:
/// `ssmix_nosal_nospan_single.jsonl` and `ssmix_nosal_nospan_pair.jsonl`.
final class NoSaliencyNoSpanGoldenTests: XCTestCase {
    func testEverySingleSentenceCase() throws {
        try RandomGoldenRunner.runSingleCases("ssmix_nosal_nospan_single.jsonl", rule: Self.rule,
                                              check: RandomGoldenRunner.checkChosenPositions)
    }

    func testEveryPairCase() throws {
        try RandomGoldenRunner.runPairCases("ssmix_nosal_nospan_pair.jsonl", rule: Self.rule)
    }

    private static func rule(_ golden: GoldenObject) throws -> RandomMixer.Rule {
        .randomTokens(percent: try golden.int("ss_winsize"))
    }
}
