@testable import Mixup

/// A `MixRandomSource` that replays a golden case's `random_calls` and notes every call that
/// differs from the recording (function, arguments, order or count).
struct ReplayedRandom: MixRandomSource {
    struct Call {
        let function: String
        let arguments: [Int]
        let result: [Int]
    }

    private let calls: [Call]
    private var next = 0
    private(set) var mismatches: [String] = []

    init(_ recorded: [GoldenObject]) throws {
        calls = try recorded.map { call in
            let function = try call.string("fn")
            let result = function == "sample" ? try call.ints("result") : [try call.int("result")]
            return Call(function: function, arguments: try call.ints("args"), result: result)
        }
    }

    /// Calls the recording has that were never made.
    var unusedCalls: Int { calls.count - next }

    mutating func randrange(_ lower: Int, _ upper: Int) -> Int {
        let values = replay("randrange", [lower, upper])
        guard values.count == 1, let value = values.first, lower <= value, value < upper else {
            mismatches.append("randrange(\(lower), \(upper)) got an unusable recorded result \(values)")
            return lower
        }
        return value
    }

    mutating func sample(from lower: Int, to upper: Int, count: Int) -> [Int] {
        let values = replay("sample", [lower, upper, count])
        guard values.count == count, Set(values).count == count, values.allSatisfy({ lower <= $0 && $0 < upper }) else {
            mismatches.append("sample(\(lower), \(upper), \(count)) got an unusable recorded result \(values)")
            return []
        }
        return values
    }

    private mutating func replay(_ function: String, _ arguments: [Int]) -> [Int] {
        guard next < calls.count else {
            mismatches.append("extra call \(function)\(arguments) after the \(calls.count) recorded ones")
            return []
        }
        let call = calls[next]
        next += 1
        if call.function != function || call.arguments != arguments {
            mismatches.append("call \(next): made \(function)\(arguments), recorded \(call.function)\(call.arguments)")
        }
        return call.result
    }
}
