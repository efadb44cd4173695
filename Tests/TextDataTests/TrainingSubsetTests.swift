import TestSupport
import XCTest
@testable import TextData

final class TrainingSubsetTests: XCTestCase {
    /// The "used train examples" column of reference §2, from each task's full train size.
    func testPaperSubsetSizesMatchTheReferenceTable() {
        let table = [2_490: 1_866, 3_668: 2_750, 5_452: 4_088, 67_349: 50_510, 104_743: 78_556,
                     16_946 + 45_460 + 100_459: 122_148, 363_846: 272_884, 392_702: 294_526]
        for (full, used) in table {
            XCTAssertEqual(paperSubsetCount(full), used, "N = \(full)")
        }
    }

    func testPaperSubsetIsSeededDistinctAndDrawnFromTheInput() {
        let examples = (0..<101).map { LabeledExample(textA: "text \($0)", label: $0 % 3) }
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7), c = SplitMix64(seed: 8)
        let first = trainingSubset(examples, protocol: .paper, using: &a)
        let again = trainingSubset(examples, protocol: .paper, using: &b)
        let other = trainingSubset(examples, protocol: .paper, using: &c)
        XCTAssertEqual(first.count, 74)
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first, other)
        XCTAssertEqual(Set(first.map(\.textA)).count, first.count)
        XCTAssertTrue(Set(first.map(\.textA)).isSubset(of: Set(examples.map(\.textA))))
        XCTAssertNotEqual(first, Array(examples.prefix(74)), "the subset is shuffled, not a prefix")
    }

    func testFixedProtocolKeepsEverythingInOrder() {
        let examples = (0..<11).map { LabeledExample(textA: "t\($0)", textB: "u", label: 1) }
        var generator = SplitMix64(seed: 1)
        XCTAssertEqual(trainingSubset(examples, protocol: .fixed, using: &generator), examples)
    }

    func testTinyInputs() {
        var generator = SplitMix64(seed: 3)
        XCTAssertEqual(trainingSubset([LabeledExample](), protocol: .paper, using: &generator), [])
        XCTAssertEqual(paperSubsetCount(1), 0)
        XCTAssertEqual(paperSubsetCount(4), 2)
    }
}
