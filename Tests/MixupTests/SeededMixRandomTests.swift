import TestSupport
import XCTest
@testable import Mixup

final class SeededMixRandomTests: XCTestCase {
    func testDrawsStayInRangeAndSamplesAreDistinct() {
        var random = SeededMixRandom(generator: SplitMix64(seed: 1))
        for upper in 2..<40 {
            let value = random.randrange(1, upper)
            XCTAssertTrue((1..<upper).contains(value))
            let drawn = random.sample(from: 1, to: upper, count: (upper - 1) / 2)
            XCTAssertEqual(drawn.count, (upper - 1) / 2)
            XCTAssertEqual(Set(drawn).count, drawn.count)
            XCTAssertTrue(drawn.allSatisfy { (1..<upper).contains($0) })
        }
    }

    func testEmptyRangesDoNotTrap() {
        var random = SeededMixRandom(generator: SplitMix64(seed: 2))
        XCTAssertEqual(random.randrange(3, 3), 3)
        XCTAssertEqual(random.sample(from: 1, to: 1, count: 0), [])
        XCTAssertEqual(random.sample(from: 4, to: 2, count: 3), [])
        XCTAssertEqual(random.sample(from: 1, to: 3, count: 5).sorted(), [1, 2])
    }

    func testTheSameSeedGivesTheSameMixes() {
        let target = TokenRow(ids: [101] + (1...30).map(Int32.init) + [102])
        let source = TokenRow(ids: [101] + (201...240).map(Int32.init) + [102])
        for rule: RandomMixer.Rule in [.randomSpan(.random), .randomTokens(percent: 10), .unknownTokens(percent: 10)] {
            var first = SeededMixRandom(generator: SplitMix64(seed: 7))
            var second = SeededMixRandom(generator: SplitMix64(seed: 7))
            let mixer = RandomMixer(rule: rule, specialTokens: .bertUncased)
            XCTAssertEqual(mixer.mix(target: target, source: source, random: &first),
                           mixer.mix(target: target, source: source, random: &second), "\(rule)")
        }
    }
}
