import XCTest
@testable import Mixup

final class MixupSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
