import Foundation
import TestSupport
import Records

/// A small run database built through `RunStore`, with a fixed clock, that the report,
/// chart and band tests share. Its cells (accuracies in percent) are chosen so that the
/// expected numbers can be checked by hand:
///
/// - trec-coarse: normal seeds 0,1,2 = 96.00, 96.40, 95.80; ssmix seeds 0,1 = 97.00, 96.60;
///   tmix seed 0 = 96.50; unk seed 0 = 96.80 (Table B.1 only); a `fixed`-protocol normal
///   seed 3 = 99.00 that `paper` reports ignore.
/// - rte: normal seed 0 finished twice (60.00, then 62.00: the later counts); ssmix seed 0
///   interrupted and embedmix seed 0 failed (neither counts).
/// - anli-r1: normal seed 0 valid 50.00 / test 49.00; ssmix seed 0 valid 52.00 / test 51.00.
public enum FixtureDatabase {
    /// The date the fixture's reports are pinned to: 2025-06-01 UTC.
    public static let reportDate = Date(timeIntervalSince1970: 1_748_736_000)

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ssmix-exp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A store whose clock ticks one minute per reading from 2025-06-01 00:00 UTC.
    public static func store(at path: URL) throws -> RunStore {
        var tick = 0.0
        return try RunStore(path: path) {
            tick += 60
            return reportDate.addingTimeInterval(tick)
        }
    }

    /// A `NewRun` with fixed provenance.
    public static func newRun(task: String, method: String, seed: Int, protocolName: String = "paper", tag: String = "") -> NewRun {
        let json = "{\"task\":\"\(task)\",\"method\":\"\(method)\",\"seed\":\(seed),\"protocol\":\"\(protocolName)\"\(tag)}"
        return NewRun(configJSON: json, configHash: "hash-\(task)-\(method)-\(seed)-\(protocolName)\(tag)",
                      task: task, method: method, seed: seed,
                      stage: method == "normal" ? "normal" : "mix", protocolName: protocolName,
                      modelName: "all-MiniLM-L6-v2", modelSHA256: "abc123", gitCommit: "0000000", host: "fixture-host")
    }

    /// Records a finished run with a short evaluation history ending at `best`.
    @discardableResult
    public static func finished(_ store: RunStore, task: String, method: String, seed: Int, best: Double,
                         test: Double? = nil, protocolName: String = "paper", tag: String = "") throws -> Int64 {
        let run = try store.startRun(newRun(task: task, method: method, seed: seed, protocolName: protocolName, tag: tag))
        let split = task.hasPrefix("trec") ? "test" : "dev"
        for (step, accuracy) in [(10, best - 0.04), (20, best - 0.01), (30, best)] {
            try store.recordEvaluation(runID: run.id, step: step, epoch: step / 20, split: split, accuracy: accuracy, loss: 1 - accuracy)
        }
        if let test {
            try store.recordEvaluation(runID: run.id, step: 30, epoch: 1, split: "test", accuracy: test, loss: nil)
        }
        try store.finishRun(runID: run.id, wallSeconds: 100, examplesPerSecond: 50, bestAccuracy: best, bestTestAccuracy: test)
        return run.id
    }

    /// Builds the fixture database at `path`.
    public static func build(at path: URL) throws {
        let store = try store(at: path)
        for (seed, accuracy) in [0.96, 0.964, 0.958].enumerated() {
            try finished(store, task: "trec-coarse", method: "normal", seed: seed, best: accuracy)
        }
        try finished(store, task: "trec-coarse", method: "ssmix", seed: 0, best: 0.97)
        try finished(store, task: "trec-coarse", method: "ssmix", seed: 1, best: 0.966)
        try finished(store, task: "trec-coarse", method: "tmix", seed: 0, best: 0.965)
        try finished(store, task: "trec-coarse", method: "unk", seed: 0, best: 0.968)
        try finished(store, task: "trec-coarse", method: "normal", seed: 3, best: 0.99, protocolName: "fixed")

        try finished(store, task: "rte", method: "normal", seed: 0, best: 0.60, tag: ",\"epochs\":2")
        try finished(store, task: "rte", method: "normal", seed: 0, best: 0.62)
        let interrupted = try store.startRun(newRun(task: "rte", method: "ssmix", seed: 0))
        try store.recordEvaluation(runID: interrupted.id, step: 10, epoch: 0, split: "dev", accuracy: 0.7, loss: nil)
        try store.markRun(runID: interrupted.id, status: .interrupted)
        let failed = try store.startRun(newRun(task: "rte", method: "embedmix", seed: 0))
        try store.markRun(runID: failed.id, status: .failed)

        try finished(store, task: "anli-r1", method: "normal", seed: 0, best: 0.50, test: 0.49)
        try finished(store, task: "anli-r1", method: "ssmix", seed: 0, best: 0.52, test: 0.51)
    }
}
