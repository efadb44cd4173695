import Foundation
import TestSupport
import XCTest
@testable import Autodiff

/// AdamW and the linear schedule against ../shared/golden/adamw_schedule.json (transformers 3.1).
final class AdamWGoldenTests: XCTestCase {
    private func golden() throws -> [String: Any] {
        let data = try Data(contentsOf: TestPaths.golden("adamw_schedule.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func floats(_ any: Any?) throws -> [Float] { try XCTUnwrap(any as? [Double]).map { Float($0) } }

    func testEveryAdamWScenario() throws {
        let cases = try XCTUnwrap(golden()["adamw_cases"] as? [[String: Any]])
        XCTAssertFalse(cases.isEmpty)
        for scenario in cases { try check(scenario, copies: 1) }
    }

    /// Each golden parameter repeated end to end into one of at least 40,000 values: large enough to
    /// be split over the compute threads, every copy must follow the golden trajectory.
    func testEveryAdamWScenarioOnParametersSplitOverThreads() throws {
        let cases = try XCTUnwrap(golden()["adamw_cases"] as? [[String: Any]])
        XCTAssertFalse(cases.isEmpty)
        for scenario in cases { try check(scenario, copies: nil) }
    }

    /// Runs one golden scenario with every parameter (and gradient) repeated `copies` times, or as
    /// often as it takes to reach 40,000 values when nil, and compares each copy with the golden steps.
    private func check(_ scenario: [String: Any], copies: Int?) throws {
        let name = try XCTUnwrap(scenario["name"] as? String)
        let specs = try XCTUnwrap(scenario["params"] as? [String: [String: Any]])
        let names = specs.keys.sorted()
        func repeated(_ values: [Float]) -> [Float] {
            let times = copies ?? (40_000 + values.count - 1) / max(values.count, 1)
            return Array([[Float]](repeating: values, count: times).joined())
        }
        let params = try names.map { n in
            let values = repeated(try floats(specs[n]?["init"]))
            let shape = copies == 1 ? try XCTUnwrap(specs[n]?["shape"] as? [Int]) : [values.count]
            return try Parameter(name: n, shape: shape, values: values)
        }
        for p in params {   // the golden's per-parameter decay must agree with the name rule
            let wd = try XCTUnwrap(specs[p.name]?["weight_decay"] as? Double)
            XCTAssertEqual(p.decays, wd > 0, "\(name): decay rule for \(p.name)")
        }
        let betas = try XCTUnwrap(scenario["betas"] as? [Double])
        let optimizer = AdamW(parameters: params, beta1: betas[0], beta2: betas[1],
                              eps: try XCTUnwrap(scenario["eps"] as? Double),
                              weightDecay: try XCTUnwrap(scenario["weight_decay"] as? Double))
        let baseLR = try XCTUnwrap(scenario["lr"] as? Double)
        var schedule: LinearWarmupSchedule?
        if let s = scenario["schedule"] as? [String: Any] {
            schedule = LinearWarmupSchedule(baseLR: baseLR, totalSteps: try XCTUnwrap(s["total_steps"] as? Int),
                                            warmupSteps: try XCTUnwrap(s["warmup_steps"] as? Int))
        }
        let grads = try XCTUnwrap(scenario["grads"] as? [[String: Any]])
        let steps = try XCTUnwrap(scenario["steps"] as? [[String: Any]])
        XCTAssertEqual(grads.count, steps.count)
        for (t, step) in steps.enumerated() {
            for p in params { p.tensor.grad = repeated(try floats(grads[t][p.name])) }
            let lr = schedule?.learningRate(forOptimizerStep: t + 1) ?? baseLR
            XCTAssertEqual(lr, try XCTUnwrap(step["lr"] as? Double), accuracy: 1e-15, "\(name) step \(t + 1): lr")
            let before = params.map(\.tensor.values)
            optimizer.step(lr: lr)
            let expected = try XCTUnwrap(step["expected"] as? [String: [String: Any]])
            for (index, p) in params.enumerated() {
                let want = try XCTUnwrap(expected[p.name])
                let (m, v) = optimizer.moments(of: index)
                // Parameters: 4 units in the last place of the largest of the value before the step,
                // after it and the update, the magnitudes Float32 rounds at in `p − lr·(…)`.
                let wantParam = repeated(try floats(want["param"]))
                expectClose(p.tensor.values, wantParam, "\(name) step \(t + 1) \(p.name): param") { i in
                    4 * max(abs(before[index][i]), abs(wantParam[i]), abs(before[index][i] - wantParam[i])).ulp
                }
                // Moments: relative 1e-6, plus 1e-6 of the tensor's largest moment for entries where
                // β·m and (1−β)·g nearly cancel in Float32.
                for (label, got, exp) in [("exp_avg", m, repeated(try floats(want["exp_avg"]))),
                                          ("exp_avg_sq", v, repeated(try floats(want["exp_avg_sq"])))] {
                    let largest = exp.map(abs).max() ?? 0
                    expectClose(got, exp, "\(name) step \(t + 1) \(p.name): \(label)") { 1e-6 * (abs(exp[$0]) + largest) }
                }
            }
        }
    }

    /// Fails once per array, naming the first element of `got` off `expected` by more than `tolerance(i)`.
    private func expectClose(_ got: [Float], _ expected: [Float], _ what: String, tolerance: (Int) -> Float) {
        XCTAssertEqual(got.count, expected.count, "\(what): count")
        guard got.count == expected.count else { return }
        let off = got.indices.filter { abs(got[$0] - expected[$0]) > tolerance($0) }
        if let first = off.first {
            XCTFail("\(what): \(off.count) of \(got.count) off, first [\(first)] \(got[first]) vs \(expected[first]) (tolerance \(tolerance(first)))")
        }
    }

    func testEveryScheduleMultiplier() throws {
        let schedules = try XCTUnwrap(golden()["schedules"] as? [[String: Any]])
        XCTAssertFalse(schedules.isEmpty)
        for s in schedules {
            let schedule = LinearWarmupSchedule(baseLR: try XCTUnwrap(s["base_lr"] as? Double),
                                                totalSteps: try XCTUnwrap(s["total_steps"] as? Int),
                                                warmupSteps: try XCTUnwrap(s["warmup_steps"] as? Int))
            for (k, m) in try XCTUnwrap(s["multiplier_at_scheduler_step"] as? [Double]).enumerated() {
                XCTAssertEqual(schedule.multiplier(atSchedulerStep: k), m, accuracy: 1e-15, "multiplier at step \(k)")
            }
            for (i, lr) in try XCTUnwrap(s["lr_used_by_optimizer_step"] as? [Double]).enumerated() {
                XCTAssertEqual(schedule.learningRate(forOptimizerStep: i + 1), lr, accuracy: 1e-18, "lr of step \(i + 1)")
            }
        }
    }
}
