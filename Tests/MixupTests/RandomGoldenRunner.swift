import XCTest
@testable import Mixup

/// Runs a golden file of one of the random rules with its recorded draws injected, and checks
/// output, λ and that the draws made are exactly the recorded ones, in order.
enum RandomGoldenRunner {
    /// Every case of a single-sentence file (`target`, `source_example`, `max_len`).
    static func runSingleCases(_ file: String, rule: (GoldenObject) throws -> RandomMixer.Rule,
                               check: (MixedRow, GoldenObject) throws -> Void = { _, _ in }) throws {
        let cases = try GoldenObject.cases(in: file)
        XCTAssertFalse(cases.isEmpty, "\(file) has no cases")
        for golden in cases {
            var random = try ReplayedRandom(golden.objects("random_calls"))
            let mixed = RandomMixer(rule: try rule(golden), specialTokens: .bertUncased).mix(
                target: try golden.object("target").tokenRow(),
                source: try golden.object("source_example").tokenRow(),
                maxLength: try golden.int("max_len"), random: &random)
            try GoldenAssert.row(mixed.row, equals: golden.object("output"))
            GoldenAssert.lambda(mixed.lambda, try golden.double("lambda"), golden.context)
            assertReplayed(random, golden.context)
            try check(mixed, golden)
        }
    }

    /// Every case of a pair file (`A`, `B`, `segments_split`, `segments`, both outputs).
    static func runPairCases(_ file: String, rule: (GoldenObject) throws -> RandomMixer.Rule) throws {
        let cases = try GoldenObject.cases(in: file)
        XCTAssertFalse(cases.isEmpty, "\(file) has no cases")
        for golden in cases {
            XCTAssertEqual(try golden.int("segment_max_len"), PairSegments.segmentMaxLength, golden.context)
            var random = try ReplayedRandom(golden.objects("random_calls"))
            let result = RandomMixer(rule: try rule(golden), specialTokens: .bertUncased).mixPair(
                a: try golden.object("A").tokenRow(), b: try golden.object("B").tokenRow(), random: &random)
            try GoldenAssert.row(result.ab.merged.row, equals: golden.object("output_AB"))
            GoldenAssert.lambda(result.ab.merged.lambda, try golden.double("lambda_AB"), "\(golden.context) AB")
            try GoldenAssert.row(result.ba.merged.row, equals: golden.object("output_BA"))
            GoldenAssert.lambda(result.ba.merged.lambda, try golden.double("lambda_BA"), "\(golden.context) BA")
            try assertSegments(of: result, match: golden)
            assertReplayed(random, golden.context)
        }
    }

    /// The positions a rule replaced are the recorded `chosen.positions` (draw order aside).
    static func checkChosenPositions(_ mixed: MixedRow, _ golden: GoldenObject) throws {
        XCTAssertEqual(mixed.replacedPositions, try golden.object("chosen").ints("positions").sorted(),
                       "\(golden.context): replaced positions")
    }

    private static func assertReplayed(_ random: ReplayedRandom, _ context: String) {
        XCTAssertEqual(random.mismatches, [], "\(context): random draws")
        XCTAssertEqual(random.unusedCalls, 0, "\(context): recorded draws never made")
    }
}
