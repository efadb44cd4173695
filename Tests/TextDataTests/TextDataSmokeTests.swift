import XCTest
@testable import TextData

final class TextDataSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
