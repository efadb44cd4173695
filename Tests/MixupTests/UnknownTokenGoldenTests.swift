import XCTest
@testable import Mixup

/// UNK augmentation against the released code, with the recorded draws injected:
/// `unk_single.jsonl` and `unk_pair.jsonl`.
final class UnknownTokenGoldenTests: XCTestCase {
    func testEverySingleSentenceCase() throws {
        try RandomGoldenRunner.runSingleCases("unk_single.jsonl", rule: Self.rule,
                                              check: RandomGoldenRunner.checkChosenPositions)
    }

    func testEveryPairCase() throws {
        try RandomGoldenRunner.runPairCases("unk_pair.jsonl", rule: Self.rule)
    }

    /// The files record the UNK share as `unk_winsize`, or under `ss_winsize` as the generator wrote it.
    private static func rule(_ golden: GoldenObject) throws -> RandomMixer.Rule {
        .unknownTokens(percent: try golden.int(golden.has("unk_winsize") ? "unk_winsize" : "ss_winsize"))
    }
}
