import XCTest
@testable import BERT

final class BERTSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
