import ExperimentFixtures
import Foundation
@testable import Plans
import TestSupport
import XCTest

/// The Slurm executor's arrays and scripts, without a cluster (`make test-slurm` runs them on one).
final class SlurmScriptTests: XCTestCase {
    private func executor(_ name: String, database: URL) throws -> SlurmExecutor {
        let planFile = TestPaths.repoRoot.appendingPathComponent("experiments/\(name).toml")
        let runner = PlanRunner(plan: try ExperimentPlan.load(from: planFile), dataDirectory: URL(fileURLWithPath: "/shared/data"),
                                database: database, ledger: nil, quiet: true)
        return SlurmExecutor(runner: runner, planFile: planFile, binary: URL(fileURLWithPath: "/opt/ssmix-exp"),
                             workingDirectory: URL(fileURLWithPath: "/shared/repo"),
                             options: SlurmOptions(partition: "cpu", cpusPerTask: 8, memory: "16G", extraArguments: ["--qos=long"]))
    }

    func testMixupArraysAlignWithTheNormalArray() throws {
        let slurm = try executor("trec", database: URL(fileURLWithPath: "/shared/runs/ssmix.sqlite"))
        let arrays = slurm.arrays()
        XCTAssertEqual(arrays.map(\.name), ["normal", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "embedmix", "tmix", "unk"])
        let normal = try XCTUnwrap(arrays.first)
        XCTAssertNil(normal.waitsFor)
        XCTAssertEqual(normal.cells.count, 2 * 3)
        for array in arrays.dropFirst() {
            XCTAssertEqual(array.waitsFor, "normal")
            XCTAssertEqual(array.cells.count, normal.cells.count)
            for (mix, first) in zip(array.cells, normal.cells) {
                XCTAssertEqual(mix, first.replacingOccurrences(of: "-normal", with: "-\(array.name)"), "task i continues normal task i")
            }
        }
    }

    func testScriptsRunOneCellEachIntoItsShard() throws {
        let directory = try FixtureDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let slurm = try executor("smoke", database: directory.appendingPathComponent("runs/ssmix.sqlite"))
        let scripts = try slurm.writeScripts(estimates: ["trec-coarse-s0-ssmix": 3600])
        XCTAssertEqual(scripts.map(\.lastPathComponent).first, "normal.sbatch")
        let ssmix = try String(contentsOf: slurm.directory.appendingPathComponent("ssmix.sbatch"), encoding: .utf8)
        for line in ["#SBATCH --job-name=ssmix-smoke-ssmix", "#SBATCH --array=0-0", "#SBATCH --cpus-per-task=8", "#SBATCH --time=0-01:40:00",
                     "#SBATCH --requeue", "#SBATCH --signal=B:USR1@120", "#SBATCH --partition=cpu", "#SBATCH --mem=16G", "#SBATCH --qos=long",
                     "cd '/shared/repo'"] {
            XCTAssertTrue(ssmix.contains(line + "\n"), "missing \(line)")
        }
        XCTAssertTrue(ssmix.contains("exec '/opt/ssmix-exp' run-cell --plan '\(TestPaths.repoRoot.path)/experiments/smoke.toml' --cell \"$CELL\""))
        XCTAssertEqual(try String(contentsOf: slurm.directory.appendingPathComponent("cells-ssmix.txt"), encoding: .utf8), "trec-coarse-s0-ssmix\n")
        let normal = try String(contentsOf: scripts[0], encoding: .utf8)
        XCTAssertTrue(normal.contains("#SBATCH --time=1-00:00:00\n"), "no measurement: one day")
        XCTAssertEqual(SlurmExecutor.timeLimit([100_000]), "1-17:50:00", "1.5 × 100,000 s + 600 s = 150,600 s")
    }
}
