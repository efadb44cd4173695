import Foundation
import Records

/// How long a plan's stages take, from finished runs (ledger and database) of the same task,
/// method, encoder and training cap: the mean of their wall times.
struct StageTimeEstimates {
    private var seconds: [String: [Double]] = [:]

    /// Indexes the wall times of `runs`.
    init(runs: [RecordedRun]) {
        for run in runs where run.record.status == .finished {
            guard let wall = run.record.wallSeconds else { continue }
            add(task: run.record.task, method: run.record.method, model: run.record.modelName, cap: run.trainExampleCap, seconds: wall)
        }
    }

    /// Counts one more measured stage (one that just finished).
    mutating func add(task: String, method: String, model: String, cap: Int?, seconds wall: Double) {
        seconds[Self.key(task: task, method: method, model: model, cap: cap), default: []].append(wall)
    }

    /// The mean wall seconds of matching runs; without any, the normal stage's time at this cap
    /// scaled by the method's cost relative to normal in full-recipe runs; nil when neither is known.
    func estimate(task: String, method: String, model: String, cap: Int?) -> Double? {
        if let measured = mean(task: task, method: method, model: model, cap: cap) { return measured }
        guard cap != nil, let normal = mean(task: task, method: "normal", model: model, cap: cap),
              let fullMethod = mean(task: task, method: method, model: model, cap: nil),
              let fullNormal = mean(task: task, method: "normal", model: model, cap: nil) else { return nil }
        return normal * fullMethod / fullNormal
    }

    private func mean(task: String, method: String, model: String, cap: Int?) -> Double? {
        guard let walls = seconds[Self.key(task: task, method: method, model: model, cap: cap)], !walls.isEmpty else { return nil }
        return walls.reduce(0, +) / Double(walls.count)
    }

    private static func key(task: String, method: String, model: String, cap: Int?) -> String {
        "\(task)\t\(method)\t\(model)\t\(cap.map(String.init) ?? "full")"
    }
}
