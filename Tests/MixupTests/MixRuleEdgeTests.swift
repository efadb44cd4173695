import XCTest
@testable import Mixup

/// Edge cases the golden files cannot hold (the released code crashes on them) and the
/// contracts of the helpers.
final class MixRuleEdgeTests: XCTestCase {
    private let empty = TokenRow(ids: [101, 102])
    private let source = TokenRow(ids: [101, 7, 8, 9, 10, 102])

    func testEmptyTargetIsNotMixedBySaliencySpanMix() throws {
        let mixed = try SaliencySpanMix(specialTokens: .bertUncased).mix(target: empty, source: source,
                                              targetSaliency: [1, 1], sourceSaliency: Array(repeating: 1, count: 6))
        XCTAssertEqual(mixed, .unmixed(empty))
    }

    func testEmptyTargetIsNotMixedAndDrawsNothingInTheRandomRules() throws {
        let rules: [RandomMixer.Rule] = [.randomSpan(.percent(10)), .randomSpan(.random),
                                         .randomTokens(percent: 10), .unknownTokens(percent: 10)]
        for rule in rules {
            var random = try ReplayedRandom([])
            XCTAssertEqual(RandomMixer(rule: rule, specialTokens: .bertUncased).mix(target: empty, source: source, random: &random), .unmixed(empty))
            XCTAssertEqual(random.mismatches, [], "\(rule)")
        }
    }

    func testCappedTargetEndsWithSeparator() {
        let long = TokenRow(ids: [101] + Array(repeating: 5, count: 80) + [102])
        let capped = long.capped(at: 64, sep: 102)
        XCTAssertEqual(capped.length, 64)
        XCTAssertEqual(capped.ids.last, 102)
        XCTAssertEqual(Array(capped.ids.prefix(63)), Array(long.ids.prefix(63)))
        XCTAssertEqual(source.capped(at: 64, sep: 102), source)
    }

    func testShortSaliencyIsAClearError() {
        XCTAssertThrowsError(try SaliencySpanMix(specialTokens: .bertUncased).mix(target: source, source: source,
                                                       targetSaliency: [1, 2, 3], sourceSaliency: Array(repeating: 1, count: 6))) { error in
            XCTAssertEqual(error as? MixupError, .saliencyTooShort(which: "target", values: 3, tokensNeeded: 6))
            XCTAssertEqual("\(error)", "saliency of the target has 3 values but 6 tokens need one each")
        }
    }

    func testSourceShorterThanTheSpanIsNotMixed() throws {
        let target = TokenRow(ids: [101] + Array(repeating: 5, count: 40) + [102])
        let tiny = TokenRow(ids: [101, 102, 103])
        let mixed = try SaliencySpanMix(specialTokens: .bertUncased).mix(target: target, source: tiny,
                                              targetSaliency: Array(repeating: 0.5, count: 42), sourceSaliency: [1, 1, 1])
        XCTAssertEqual(mixed, .unmixed(target))
    }

    func testMergeShiftsRightPositionsAndWeighsLambdaByContent() {
        let left = MixedRow(row: TokenRow(ids: [101, 1, 2, 3, 102]), lambda: 0.5, replacedPositions: [2])
        let right = MixedRow(row: TokenRow(ids: [101, 4, 102], types: [1, 1, 1]), lambda: 1, replacedPositions: [0, 1])
        let merged = PairSegments.merge(left: left, right: right)
        XCTAssertEqual(merged.row, TokenRow(ids: [101, 1, 2, 3, 102, 4, 102], types: [0, 0, 0, 0, 0, 1, 1]))
        XCTAssertEqual(merged.replacedPositions, [2, 5])
        XCTAssertEqual(merged.lambda, 0.5 * 0.75 + 1 * 0.25)
    }

    func testLambdaOfTwoEmptySegmentsIsOne() {
        XCTAssertEqual(PairSegments.aggregateLambda(left: 0.3, leftContentLength: 0, right: 0.2, rightContentLength: 0), 1)
    }

    func testSplitOfASingleSegmentRowLeavesAnEmptyRightSide() {
        let split = PairSegments.split(source)
        XCTAssertEqual(split.left, source)
        XCTAssertEqual(split.right, TokenRow(ids: [101], types: [1]))
        XCTAssertEqual(PairSegments.split(TokenRow(ids: [])).right.length, 0)
    }
}
