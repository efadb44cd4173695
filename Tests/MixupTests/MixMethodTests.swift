import XCTest
@testable import Mixup

final class MixMethodTests: XCTestCase {
    func testRawValuesAreTheProjectNames() {
        XCTAssertEqual(MixMethod.allCases.map(\.rawValue),
                       ["normal", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "embedmix", "tmix", "unk",
                        "wordmix", "senmix", "manifold"])
        XCTAssertEqual(MixMethod(rawValue: "ssmix-no-saliency-no-span"), .ssmixNoSaliencyNoSpan)
    }

    func testWhereEachMethodMixes() {
        XCTAssertEqual(MixMethod.allCases.filter(\.mixesInputTokens),
                       [.ssmix, .ssmixNoSaliency, .ssmixNoSaliencyNoSpan, .unk])
        XCTAssertEqual(MixMethod.allCases.filter(\.mixesHiddenStates), [.embedmix, .tmix, .wordmix, .senmix, .manifold])
        XCTAssertEqual(MixMethod.allCases.filter(\.drawsLayer), [.tmix, .manifold])
        XCTAssertEqual(MixMethod.allCases.filter(\.needsSaliency), [.ssmix])
    }

    func testRandomMixerExistsOnlyForTheRandomRules() {
        XCTAssertEqual(RandomMixer(method: .ssmixNoSaliency, windowPercent: -1, specialTokens: .bertUncased)?.rule, .randomSpan(.random))
        XCTAssertEqual(RandomMixer(method: .ssmixNoSaliency, specialTokens: .bertUncased)?.rule, .randomSpan(.percent(10)))
        XCTAssertEqual(RandomMixer(method: .ssmixNoSaliencyNoSpan, windowPercent: 20, specialTokens: .bertUncased)?.rule, .randomTokens(percent: 20))
        XCTAssertEqual(RandomMixer(method: .unk, unkPercent: 15, specialTokens: .bertUncased)?.rule, .unknownTokens(percent: 15))
        for method in [MixMethod.normal, .ssmix, .embedmix, .tmix, .wordmix, .senmix, .manifold] {
            XCTAssertNil(RandomMixer(method: method, specialTokens: .bertUncased), method.rawValue)
        }
    }
}
