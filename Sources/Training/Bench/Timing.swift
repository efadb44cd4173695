import Foundation
import Records

/// Wall-clock statistics of repeated runs of one piece of work.
public struct Timing: Sendable, Codable {
    public var seconds: [Double]
    public var min: Double { seconds.min() ?? 0 }
    public var median: Double {
        let s = seconds.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Runs `body` `warmup` times untimed, then `repetitions` times timed.
    public static func measure(warmup: Int, repetitions: Int, _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmup { try body() }
        var seconds: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            let elapsed = try clock.measure { try body() }
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return Timing(seconds: seconds)
    }
}
