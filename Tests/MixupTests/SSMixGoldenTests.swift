import XCTest
@testable import Mixup

/// Saliency SSMix against the released code: `ssmix_single.jsonl` and `ssmix_pair.jsonl`.
final class SSMixGoldenTests: XCTestCase {
    func testEverySingleSentenceCase() throws {
        let cases = try GoldenObject.cases(in: "ssmix_single.jsonl")
        XCTAssertFalse(cases.isEmpty, "ssmix_single.jsonl has no cases")
        for golden in cases {
            let mixer = SaliencySpanMix(windowPercent: try golden.int("ss_winsize"), specialTokens: .bertUncased)
            let mixed = try mixer.mix(target: golden.object("target").tokenRow(),
                                      source: golden.object("source_example").tokenRow(),
                                      targetSaliency: golden.floats("saliency_target"),
                                      sourceSaliency: golden.floats("saliency_source"),
                                      maxLength: golden.int("max_len"))
            try GoldenAssert.row(mixed.row, equals: golden.object("output"))
            GoldenAssert.lambda(mixed.lambda, try golden.double("lambda"), golden.context)

            let chosen = try golden.object("chosen")
            let expectedSpan = try chosen.bool("mixed")
                ? Array(try chosen.int("target_start")..<(try chosen.int("target_start") + chosen.int("span_len")))
                : []
            XCTAssertEqual(mixed.replacedPositions, expectedSpan, "\(golden.context): replaced span")
        }
    }

    func testEveryPairCaseWithLengthAliasing() throws {
        for golden in try pairCases() {
            let (a, b) = (try golden.object("A").tokenRow(), try golden.object("B").tokenRow())
            let result = try SaliencySpanMix(windowPercent: golden.int("ss_winsize"), specialTokens: .bertUncased)
                .mixPair(a: a, b: b, saliencyAB: saliency(golden, target: "A", source: "B"),
                         saliencyBA: saliency(golden, target: "B", source: "A"))

            try GoldenAssert.row(result.ab.merged.row, equals: golden.object("output_AB"))
            GoldenAssert.lambda(result.ab.merged.lambda, try golden.double("lambda_AB"), "\(golden.context) AB")
            try GoldenAssert.row(result.ba.merged.row, equals: golden.object("output_BA"))
            GoldenAssert.lambda(result.ba.merged.lambda, try golden.double("lambda_BA"), "\(golden.context) BA")
            try assertSegments(of: result, match: golden)
        }
    }

    func testEveryPairCaseWithoutLengthAliasing() throws {
        for golden in try pairCases() {
            let (a, b) = (try golden.object("A").tokenRow(), try golden.object("B").tokenRow())
            let result = try SaliencySpanMix(windowPercent: golden.int("ss_winsize"), specialTokens: .bertUncased)
                .mixPair(a: a, b: b, saliencyAB: saliency(golden, target: "A", source: "B"),
                         saliencyBA: saliency(golden, target: "B", source: "A"), lengthAliasing: false)
            let differs = try golden.bool("BA_differs_without_length_aliasing")

            try GoldenAssert.row(result.ab.merged.row, equals: golden.object("output_AB"))
            GoldenAssert.lambda(result.ab.merged.lambda, try golden.double("lambda_AB"), "\(golden.context) AB")
            try GoldenAssert.row(result.ba.merged.row,
                                 equals: golden.object(differs ? "output_BA_without_aliasing" : "output_BA"))
            GoldenAssert.lambda(result.ba.merged.lambda,
                                try golden.double(differs ? "lambda_BA_without_aliasing" : "lambda_BA"),
                                "\(golden.context) BA without aliasing")
        }
    }

    func testEveryPairSplitMatchesTheReleasedSplit() throws {
        for golden in try pairCases() {
            let expected = try golden.object("segments_split")
            for name in ["A", "B"] {
                let split = PairSegments.split(try golden.object(name).tokenRow())
                XCTAssertEqual(split.left, try expected.object("\(name)_left").tokenRow(), "\(golden.context) \(name)_left")
                XCTAssertEqual(split.right, try expected.object("\(name)_right").tokenRow(), "\(golden.context) \(name)_right")
            }
        }
    }

    private func pairCases() throws -> [GoldenObject] {
        let cases = try GoldenObject.cases(in: "ssmix_pair.jsonl")
        XCTAssertFalse(cases.isEmpty, "ssmix_pair.jsonl has no cases")
        return cases
    }

    /// The golden supplies one vector per segment, used whether it is target or donor.
    private func saliency(_ golden: GoldenObject, target: String, source: String) throws -> PairSaliency {
        let vectors = try golden.object("saliency")
        return PairSaliency(targetLeft: try vectors.floats("\(target)_left"),
                            targetRight: try vectors.floats("\(target)_right"),
                            sourceLeft: try vectors.floats("\(source)_left"),
                            sourceRight: try vectors.floats("\(source)_right"))
    }
}

/// Checks each of `segments[]` (ids and λ of the four segment mixes) against `result`.
func assertSegments(of result: PairMixResult, match golden: GoldenObject,
                    file: StaticString = #filePath, line: UInt = #line) throws {
    let segments = try golden.objects("segments")
    XCTAssertEqual(segments.count, PairSegmentName.allCases.count, "\(golden.context): segments", file: file, line: line)
    for segment in segments {
        let name = try segment.string("name")
        guard let mixed = result.segment(named: name) else {
            XCTFail("\(segment.context): unknown segment \(name)", file: file, line: line)
            continue
        }
        let expectedIDs = try segment.ints("output_segment_ids")
        XCTAssertEqual(PaddedRow(mixed.row, width: expectedIDs.count).ids, expectedIDs,
                       "\(segment.context): output_segment_ids", file: file, line: line)
        GoldenAssert.lambda(mixed.lambda, try segment.double("lambda_segment"), segment.context, file: file, line: line)
    }
}
