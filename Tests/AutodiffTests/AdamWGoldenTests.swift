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
        for scenario in cases {
            let name = try XCTUnwrap(scenario["name"] as? String)
            let specs = try XCTUnwrap(scenario["params"] as? [String: [String: Any]])
            let names = specs.keys.sorted()
            let params = try names.map { n in
                try Parameter(name: n, shape: XCTUnwrap(specs[n]?["shape"] as? [Int]), values: floats(specs[n]?["init"]))
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
                for p in params { p.tensor.grad = try floats(grads[t][p.name]) }
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
                    for (got, (previous, exp)) in zip(p.tensor.values, zip(before[index], try floats(want["param"]))) {
                        let scale = max(abs(previous), abs(exp), abs(previous - exp))
                        XCTAssertEqual(got, exp, accuracy: 4 * scale.ulp, "\(name) step \(t + 1) \(p.name): param")
                    }
                    // Moments: relative 1e-6, plus 1e-6 of the tensor's largest moment for entries where
                    // β·m and (1−β)·g nearly cancel in Float32.
                    for (label, got, exp) in [("exp_avg", m, try floats(want["exp_avg"])), ("exp_avg_sq", v, try floats(want["exp_avg_sq"]))] {
                        let largest = exp.map(abs).max() ?? 0
                        for (g, e) in zip(got, exp) {
                            XCTAssertEqual(g, e, accuracy: 1e-6 * (abs(e) + largest), "\(name) step \(t + 1) \(p.name): \(label)")
                        }
                    }
                }
            }
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
