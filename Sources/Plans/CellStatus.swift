import FileSupport
import Foundation
import Records
import Training

/// Where one cell of a plan stands, from the database, the shards and (on a cluster) the queue.
public struct CellStatus: Sendable {
    /// The states a cell can be in.
    public enum State: String, Sendable {
        case finished, running, pending, failed, interrupted
    }

    /// The cell.
    public let stage: PlanStage
    /// Where it stands.
    public let state: State
    /// Its measured wall time (finished) or estimate from similar runs (others), in seconds.
    public let seconds: Double?
}

extension PlanRunner {
    /// Every cell of the plan with its state from the database and the shards; `queued` maps cell
    /// ids the scheduler reports to `running` or `pending`; a cell in `ran` (its task left a log)
    /// that is neither finished, queued nor interrupted failed, even before it recorded anything.
    public func statuses(queued: [String: CellStatus.State] = [:], ran: Set<String> = []) throws -> [CellStatus] {
        let recorded = try RunCollection.gather(database: database, ledger: ledger, shards: shardsDirectory, unfinished: true).runs
        let estimates = StageTimeEstimates(runs: recorded)
        return try plan.stages().map { stage in
            let hash = try configHash(for: stage)
            let own = recorded.filter { run in
                if case .database = run.source { return run.configHash == hash }
                return false
            }
            let estimate = estimates.estimate(task: stage.task, method: stage.method.rawValue, model: stage.modelName, cap: stage.trainExampleCap)
            if let done = own.first(where: { $0.record.status == .finished }) {
                return CellStatus(stage: stage, state: .finished, seconds: done.record.wallSeconds)
            }
            if let state = queued[stage.cellID] { return CellStatus(stage: stage, state: state, seconds: estimate) }
            if let last = own.last {
                switch last.record.status {
                case .failed: return CellStatus(stage: stage, state: .failed, seconds: estimate)
                case .interrupted: return CellStatus(stage: stage, state: .interrupted, seconds: estimate)
                case .running: return CellStatus(stage: stage, state: .running, seconds: estimate)
                case .finished: break
                }
            }
            return CellStatus(stage: stage, state: ran.contains(stage.cellID) ? .failed : .pending, seconds: estimate)
        }
    }

    /// The dry run's text: one line per cell (id, the cell it waits for, state, time), then the
    /// time the unfinished cells need in all.
    public static func renderCells(_ statuses: [CellStatus], logs: (String) -> String? = { _ in nil }) -> String {
        var rows = [["cell", "waits for", "state", "time"]]
        var remaining = 0.0, unknown = 0
        for status in statuses {
            let time = status.seconds.map { DurationText.format($0) } ?? "?"
            var state = status.state.rawValue
            if status.state == .failed || status.state == .interrupted, let log = logs(status.stage.cellID) { state += " (log \(log))" }
            rows.append([status.stage.cellID, status.stage.dependencyID ?? "—", state, status.state == .finished ? time + " (measured)" : time])
            if status.state != .finished {
                if let seconds = status.seconds { remaining += seconds } else { unknown += 1 }
            }
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for (index, field) in row.enumerated() { widths[index] = max(widths[index], field.count) } }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let finished = statuses.filter { $0.state == .finished }.count
        var summary = "\(finished) of \(statuses.count) cells finished; the rest need about \(DurationText.format(remaining)) of one machine"
        if unknown > 0 { summary += " plus \(unknown) cell(s) without a measured time yet" }
        lines += ["", summary + " (estimates: mean wall time of finished runs of the same task, method, encoder and cap)."]
        return lines.joined(separator: "\n") + "\n"
    }
}
