import ExperimentFixtures
import Foundation
import Mixup
@testable import Plans
@testable import Records
import TestSupport
@testable import Training
import Autodiff
import XCTest

final class PlanTests: XCTestCase {
    private func shipped(_ name: String) throws -> ExperimentPlan {
        try ExperimentPlan.load(from: TestPaths.repoRoot.appendingPathComponent("experiments/\(name).toml"))
    }

    func testTRECPlanIsTheFullRecipe() throws {
        let plan = try shipped("trec")
        XCTAssertEqual(plan.name, "trec")
        XCTAssertEqual(plan.model, "models/all-MiniLM-L6-v2")
        XCTAssertEqual(plan.trainingProtocol, .paper)
        XCTAssertEqual(plan.tasks, ["trec-coarse", "trec-fine"])
        XCTAssertEqual(Set(plan.methods.map(\.rawValue)), Set(ExperimentCatalog.paperMethods))
        XCTAssertEqual(plan.seeds, [0, 1, 2])
        XCTAssertTrue(plan.overrides.isEmpty && plan.scopedOverrides.isEmpty, "no cap, the released recipe")
        let stages = plan.stages()
        XCTAssertEqual(stages.count, 2 * 3 * 7)
        XCTAssertEqual(stages.prefix(7).map(\.method.rawValue),
                       ["normal", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "embedmix", "tmix", "unk"])
        XCTAssertTrue(stages.prefix(7).allSatisfy { $0.task == "trec-coarse" && $0.seed == 0 })
    }

    func testSmokePlanIsCapped() throws {
        let plan = try shipped("smoke")
        XCTAssertEqual(plan.tasks, ["trec-coarse"])
        XCTAssertEqual(plan.seeds, [0])
        XCTAssertEqual(plan.overrides["max-train-examples"], .int(256))
        XCTAssertEqual(plan.stages().count, 7)
    }

    func testFamilyPlanPutsTheNewMethodsBesideThePapersHiddenStateMethods() throws {
        let plan = try shipped("family")
        XCTAssertEqual(plan.methods.map(\.rawValue), ["normal", "embedmix", "tmix", "ssmix", "wordmix", "senmix", "manifold"])
        XCTAssertEqual(plan.seeds, [0, 1, 2])
        XCTAssertTrue(plan.overrides.isEmpty, "the full recipe")
    }

    func testSmallPlan() throws {
        let plan = try shipped("small")
        XCTAssertEqual(Set(plan.tasks), ["trec-coarse", "trec-fine", "rte", "mrpc"])
        XCTAssertEqual(plan.seeds, [0, 1, 2, 3, 4])
        XCTAssertEqual(plan.model, "models/all-MiniLM-L6-v2")
        XCTAssertEqual(plan.stages().count, 4 * 5 * 7)
    }

    func testPaperPlanUsesBertBaseAndTheReleasedRecipe() throws {
        let plan = try shipped("paper")
        XCTAssertEqual(plan.model, "models/bert-base-uncased")
        XCTAssertEqual(plan.tasks, ExperimentCatalog.tasks)
        XCTAssertEqual(Set(plan.methods.map(\.rawValue)), Set(ExperimentCatalog.paperMethods))
        XCTAssertEqual(plan.seeds, [0, 1, 2, 3, 4])
        let stages = plan.stages()
        XCTAssertEqual(stages.count, 11 * 5 * 7)
        let normal = try XCTUnwrap(stages.first { $0.method == .normal })
        XCTAssertEqual(normal.overrides, ["batch-size": .int(32), "epochs": .int(3), "lr": .double(5e-5)])
        let tmix = try XCTUnwrap(stages.first { $0.method == .tmix })
        XCTAssertEqual(tmix.overrides, ["batch-size": .int(32), "epochs": .int(5), "lr": .double(1e-5)])
    }

    func testStagesRunNormalFirstForEachTaskAndSeedAndOverridesLayer() throws {
        let plan = try ExperimentPlan(toml: """
            name = "t"
            model = "m"
            tasks = ["rte", "mrpc"]
            methods = ["tmix", "ssmix"]
            seeds = [3, 1]
            [overrides]
            epochs = 1
            lr = 2e-5
            [overrides.mix]
            lr = 1e-5
            [overrides.ssmix]
            lr = 3e-6
            share-saliency = true
            """, path: "t.toml")
        let order = plan.stages().map { "\($0.task)/\($0.seed)/\($0.method.rawValue)" }
        XCTAssertEqual(order, ["rte/3/normal", "rte/3/tmix", "rte/3/ssmix", "rte/1/normal", "rte/1/tmix", "rte/1/ssmix",
                               "mrpc/3/normal", "mrpc/3/tmix", "mrpc/3/ssmix", "mrpc/1/normal", "mrpc/1/tmix", "mrpc/1/ssmix"])
        XCTAssertEqual(plan.settings(for: .normal), ["epochs": .int(1), "lr": .double(2e-5)])
        XCTAssertEqual(plan.settings(for: .tmix), ["epochs": .int(1), "lr": .double(1e-5)])
        XCTAssertEqual(plan.settings(for: .ssmix), ["epochs": .int(1), "lr": .double(3e-6), "share-saliency": .bool(true)])
    }

    func testPrecisionIsPlanWideAndDefaultsToFP32() throws {
        let base = "name = \"x\"\nmodel = \"m\"\ntasks = [\"rte\"]\nmethods = [\"ssmix\"]\nseeds = [0]\n"
        XCTAssertEqual(try ExperimentPlan(toml: base, path: "p.toml").stages().map(\.precision), [.fp32, .fp32])
        XCTAssertEqual(try ExperimentPlan(toml: base + "precision = \"bf16\"\n", path: "p.toml").stages().map(\.precision), [.bf16, .bf16])
    }

    func testBadPlansNameTheKey() {
        let base = "name = \"x\"\nmodel = \"m\"\ntasks = [\"rte\"]\nmethods = [\"ssmix\"]\nseeds = [0]\n"
        let cases: [(String, String)] = [
            (base.replacingOccurrences(of: "tasks = [\"rte\"]", with: "tasks = [\"rtee\"]"), "bad.toml: tasks: unknown name `rtee`"),
            (base.replacingOccurrences(of: "methods = [\"ssmix\"]", with: "methods = [\"ssmix\", \"ssmix\"]"), "bad.toml: methods: `ssmix` is listed twice"),
            (base.replacingOccurrences(of: "seeds = [0]", with: "seeds = [-1]"), "bad.toml: seeds: must be an array of integers ≥ 0"),
            (base.replacingOccurrences(of: "seeds = [0]", with: "seeds = []"), "bad.toml: seeds: must not be empty"),
            (base.replacingOccurrences(of: "model = \"m\"\n", with: ""), "bad.toml: model: missing"),
            (base + "protocol = \"exact\"\n", "bad.toml: protocol: `exact` is not one of paper, fixed"),
            (base + "precision = \"fp16\"\n", "bad.toml: precision: `fp16` is not one of fp32, bf16"),
            (base + "sed = [1]\n", "bad.toml: sed: unknown key"),
            (base + "[overrides.mixup]\nlr = 1\n", "bad.toml: overrides.mixup: unknown section"),
            (base + "[overrides]\nBatchSize = 3\n", "bad.toml: overrides.BatchSize: setting names are lower-case"),
            (base + "[overrides]\nlr = [1, 2]\n", "bad.toml: overrides.lr: must be an integer, a number, a string or true/false"),
            ("name = \"x\"\nmodel = \n", "bad.toml: line 2: "),
        ]
        for (text, prefix) in cases {
            XCTAssertThrowsError(try ExperimentPlan(toml: text, path: "bad.toml"), prefix) { error in
                XCTAssertTrue("\(error)".hasPrefix(prefix), "\(error) should start with \(prefix)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
    }
}
