import ExperimentFixtures
import Foundation
@testable import Records
import TestSupport
import XCTest

/// The Slurm executor on a real single-node cluster (`make test-slurm` starts one with
/// scripts/slurm-test-cluster.sh and stops it afterwards): a small plan gives, cell for cell, the
/// results of the local executor; a cell cancelled mid-run leaves a consistent shard and a second
/// submission finishes it without re-running finished cells; merging twice changes nothing.
final class SlurmClusterTests: XCTestCase {
    private var directory: URL!
    private var plan: URL!

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["SSMIX_SLURM_TESTS"] == "1" else {
            throw XCTSkip("needs a Slurm cluster: run `make test-slurm`")
        }
        directory = try TRECWorkspace.make()
        plan = try TRECWorkspace.writePlan(in: directory, name: "tiny", methods: ["normal", "ssmix"], seeds: [0, 1],
                                           overrides: ["max-train-examples = 16", "batch-size = 8", "eval-every = 2"])
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func database(_ name: String) -> String { directory.appendingPathComponent("\(name)/runs/ssmix.sqlite").path }

    /// Runs the binary; every command but `merge` is told where the data is.
    private func run(_ arguments: [String]) throws -> CommandResult {
        let data = arguments.first == "merge" ? [] : ["--data", directory.appendingPathComponent("data").path]
        let result = try CommandResult.run(arguments + data)
        XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    private func submit(_ name: String) throws -> [String: String] {
        let result = try run(["run", "--plan", plan.path, "--executor", "slurm", "--cpus-per-task", "1", "--time", "00:30:00", "--db", database(name)])
        var jobs: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("submitted ") {
            let fields = line.split(separator: " ")
            jobs[String(fields[1].dropLast())] = String(fields[3])
        }
        XCTAssertEqual(Set(jobs.keys), ["normal", "ssmix"], result.stdout)
        return jobs
    }

    /// Waits until `status` shows every cell finished.
    private func waitUntilFinished(_ name: String) throws {
        let deadline = Date().addingTimeInterval(900)
        while Date() < deadline {
            let status = try run(["status", "--plan", plan.path, "--db", database(name)])
            if status.stdout.contains("4 of 4 cells finished") { return }
            XCTAssertFalse(status.stdout.contains(" failed"), status.stdout)
            sleep(2)
        }
        XCTFail("the plan did not finish within 15 minutes")
    }

    /// Every evaluation of every run, by configuration hash.
    private func evaluations(_ path: String) throws -> [String: [String]] {
        let store = try RunStore(path: URL(fileURLWithPath: path))
        var result: [String: [String]] = [:]
        for run in try store.recordedRuns() where run.record.status == .finished {
            result[run.configHash] = run.evaluations.map { "\($0.step) \($0.split) \($0.accuracy.bitPattern) \(String(describing: $0.loss?.bitPattern))" }
        }
        return result
    }

    func testSlurmMatchesTheLocalExecutorResumesCancelledCellsAndMergesOnce() throws {
        _ = try run(["run", "--plan", plan.path, "--jobs", "2", "--db", database("local"), "--no-report", "--quiet"])
        let local = try evaluations(database("local"))
        XCTAssertEqual(local.count, 4)

        _ = try submit("slurm")
        try waitUntilFinished("slurm")
        let ledger = directory.appendingPathComponent("ledger.jsonl").path
        let first = try run(["merge", "--db", database("slurm"), "--ledger", ledger])
        XCTAssertTrue(first.stdout.contains("added 4 finished run(s) from 4 shard(s)"), first.stdout)
        let merged = try Data(contentsOf: URL(fileURLWithPath: database("slurm")))
        let second = try run(["merge", "--db", database("slurm"), "--ledger", ledger])
        XCTAssertTrue(second.stdout.contains("added 0 finished run(s) from 4 shard(s)"), second.stdout)
        XCTAssertEqual(try RunStore(path: URL(fileURLWithPath: database("slurm"))).runs().count, 4, "merging twice adds nothing")
        XCTAssertFalse(merged.isEmpty)
        XCTAssertEqual(try evaluations(database("slurm")), local, "Slurm and the local executor agree cell for cell")

        // Cancel the first SSMix task once it has evaluated, then submit the plan again.
        let jobs = try submit("cancel")
        let shards = directory.appendingPathComponent("cancel/runs/shards")
        let cancelled = shards.appendingPathComponent("trec-coarse-s0-ssmix.sqlite")
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            if let store = try? RunStore.openIfPresent(path: cancelled), let run = try store.runs().first, let id = run.id,
               try !store.evaluations(runID: id).isEmpty { break }
            usleep(100_000)
        }
        let scancel = Process()
        scancel.executableURL = URL(fileURLWithPath: "/usr/bin/scancel")
        scancel.arguments = ["\(try XCTUnwrap(jobs["ssmix"]))_0"]
        try scancel.run()
        scancel.waitUntilExit()
        try waitUntilQueueEmpty()
        let shard = try RunStore(path: cancelled)
        let interrupted = try XCTUnwrap(try shard.runs().first)
        XCTAssertNotEqual(interrupted.status, .finished, "the cancelled cell had not finished")
        let normalStarts = try ["trec-coarse-s0-normal", "trec-coarse-s1-normal"].map { cell in
            try RunStore(path: shards.appendingPathComponent("\(cell).sqlite")).runs().map(\.started)
        }
        _ = try submit("cancel")
        try waitUntilFinished("cancel")
        let normalAfter = try ["trec-coarse-s0-normal", "trec-coarse-s1-normal"].map { cell in
            try RunStore(path: shards.appendingPathComponent("\(cell).sqlite")).runs().map(\.started)
        }
        XCTAssertEqual(normalAfter, normalStarts, "finished cells are not run again")
        _ = try run(["merge", "--db", database("cancel"), "--ledger", ledger])
        XCTAssertEqual(try evaluations(database("cancel")), local, "the cancelled cell continued to the same results")
    }

    private func waitUntilQueueEmpty() throws {
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let squeue = Process(), pipe = Pipe()
            squeue.executableURL = URL(fileURLWithPath: "/usr/bin/squeue")
            squeue.arguments = ["--noheader"]
            squeue.standardOutput = pipe
            try squeue.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            squeue.waitUntilExit()
            if output.isEmpty { return }
            usleep(500_000)
        }
        XCTFail("the queue did not empty within 5 minutes")
    }
}
