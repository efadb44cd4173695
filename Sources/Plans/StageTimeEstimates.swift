import Autodiff
import Foundation
import Records

/// How long a plan's stages take, from finished runs (ledger and database) of the same task,
/// method, encoder and training cap: the mean of their wall times, counting only runs of the
/// current compute engine where there are any (an engine change makes older times stale).
struct StageTimeEstimates {
    private struct Key: Hashable {
        let task: String, method: String, model: String, cap: Int?
    }

    private var seconds: [Key: [(wall: Double, currentEngine: Bool)]] = [:]
    private let engine: String

    /// Indexes the wall times of `runs`; `engine` is the one whose times are preferred.
    init(runs: [RecordedRun], engine: String = ComputeEngine.identity) {
        self.engine = engine
        for run in runs where run.record.status == .finished {
            guard let wall = run.record.wallSeconds else { continue }
            record(run.record.task, run.record.method, run.record.modelName, run.trainExampleCap, wall,
                   currentEngine: run.record.engine == engine)
        }
    }

    /// Counts one more measured stage (one that just finished on this engine).
    mutating func add(task: String, method: String, model: String, cap: Int?, seconds wall: Double) {
        record(task, method, model, cap, wall, currentEngine: true)
    }

    private mutating func record(_ task: String, _ method: String, _ model: String, _ cap: Int?, _ wall: Double, currentEngine: Bool) {
        seconds[Key(task: task, method: method, model: model, cap: cap), default: []].append((wall, currentEngine))
    }

    /// The mean wall seconds of matching runs; without any, the normal stage's time for this task
    /// and cap scaled by the method's cost relative to normal where both were measured (this task's
    /// full recipe first, else another task or cap of the same encoder); nil when neither is known.
    func estimate(task: String, method: String, model: String, cap: Int?) -> Double? {
        if let measured = mean(Key(task: task, method: method, model: model, cap: cap)) { return measured }
        guard method != "normal", let normal = mean(Key(task: task, method: "normal", model: model, cap: cap)) else { return nil }
        let preferred = Key(task: task, method: method, model: model, cap: nil)
        let others = seconds.keys.filter { $0.method == method && $0.model == model && $0 != preferred }
            .sorted { ($0.task, $0.cap ?? .max) < ($1.task, $1.cap ?? .max) }
        for key in [preferred] + others {
            if let cost = mean(key), let base = mean(Key(task: key.task, method: "normal", model: model, cap: key.cap)) {
                return normal * cost / base
            }
        }
        return nil
    }

    private func mean(_ key: Key) -> Double? {
        guard let entries = seconds[key], !entries.isEmpty else { return nil }
        let current = entries.filter(\.currentEngine)
        let walls = (current.isEmpty ? entries : current).map(\.wall)
        return walls.reduce(0, +) / Double(walls.count)
    }
}
