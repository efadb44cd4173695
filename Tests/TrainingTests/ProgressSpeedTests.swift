@testable import Training
import XCTest

/// Speed and ETA on the progress line count only what this process did.
final class ProgressSpeedTests: XCTestCase {
    func testAFreshRunCountsFromStepZero() {
        let (rate, left) = ProgressReporter.speed(elapsed: 20, step: 10, total: 50, examples: 320, startStep: 0, startExamples: 0)
        XCTAssertEqual(rate, 16, accuracy: 1e-12)          // 320 examples in 20 s
        XCTAssertEqual(left, 80, accuracy: 1e-12)          // 2 s a step, 40 steps left
    }

    func testAResumedRunCountsFromWhereItContinued() {
        // Continued at step 600 of 640 with 19,200 examples seen; 10 steps of 32 in 10 s since.
        let (rate, left) = ProgressReporter.speed(elapsed: 10, step: 610, total: 640, examples: 19_520, startStep: 600, startExamples: 19_200)
        XCTAssertEqual(rate, 32, accuracy: 1e-12)
        XCTAssertEqual(left, 30, accuracy: 1e-12)
    }
}
