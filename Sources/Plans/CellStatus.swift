import FileSupport
import Foundation
import Records
import Training

/// Where one cell of a plan stands, from the database, the shards, the ledger and (on a cluster)
/// the queue.
public struct CellStatus: Sendable {
    /// The states a cell can be in.
    public enum State: String, Sendable {
        case finished
        /// Finished on another machine: its result is in the results ledger, its checkpoint is not here.
        case inLedger = "in ledger"
        case running, pending, failed, interrupted
    }

    /// The cell.
    public let stage: PlanStage
    /// Where it stands.
    public let state: State
    /// Its measured wall time (finished) or estimate from similar runs (others), in seconds.
    public let seconds: Double?

    /// True when the cell's result is recorded (here or in the ledger) and nothing needs to run.
    public var isDone: Bool { state == .finished || state == .inLedger }
}

extension PlanRunner {
    /// Every cell of the plan with its state from the database, the shards and the ledger; `queued`
    /// maps cell ids the scheduler reports to `running` or `pending`; a cell in `ran` (its task left
    /// a log) that is neither finished, queued nor interrupted failed, even before it recorded anything.
    ///
    /// A cell whose run the ledger holds is done without running here, except a normal cell that a
    /// mixup cell still waits for: that one runs again for its best checkpoint (the same settings
    /// and seed give the same run, which `export` then finds already in the ledger).
    public func statuses(queued: [String: CellStatus.State] = [:], ran: Set<String> = []) throws -> [CellStatus] {
        try survey(queued: queued, ran: ran).statuses
    }

    /// ``statuses(queued:ran:)`` with the stage-time estimates they were made from (the database's,
    /// the shards' and the ledger's wall times), read once for both.
    func survey(queued: [String: CellStatus.State] = [:], ran: Set<String> = []) throws
        -> (statuses: [CellStatus], estimates: StageTimeEstimates) {
        let stages = plan.stages()
        let hashes = try configHashes(for: stages)
        var local: [String: [RecordedRun]] = [:]
        for path in [database] + RunCollection.shardFiles(in: shardsDirectory) {
            guard let store = try RunStore.openIfPresent(path: path) else { continue }
            for run in try store.recordedRuns() { local[run.configHash, default: []].append(run) }
        }
        let ledgerRuns = try ledger.map { try ResultLedger.load(from: $0).runs } ?? []
        let inLedger = Dictionary(ledgerRuns.filter { $0.record.status == .finished }.map { ($0.configHash, $0) }, uniquingKeysWith: { a, _ in a })
        let estimates = StageTimeEstimates(runs: ledgerRuns + local.values.flatMap { $0 }.filter { inLedger[$0.configHash] == nil })
        func finishedHere(_ stage: PlanStage) -> RecordedRun? {
            local[hashes[stage.cellID] ?? ""]?.first { $0.record.status == .finished }
        }
        let needed = Set(stages.filter { finishedHere($0) == nil && inLedger[hashes[$0.cellID] ?? ""] == nil }.compactMap(\.dependencyID))
        let statuses = stages.map { stage in
            let hash = hashes[stage.cellID] ?? ""
            let estimate = estimates.estimate(task: stage.task, method: stage.method.rawValue, model: stage.modelName, cap: stage.trainExampleCap)
            if let done = finishedHere(stage) {
                return CellStatus(stage: stage, state: .finished, seconds: done.record.wallSeconds)
            }
            if let recorded = inLedger[hash], !needed.contains(stage.cellID) {
                return CellStatus(stage: stage, state: .inLedger, seconds: recorded.record.wallSeconds)
            }
            if let state = queued[stage.cellID] { return CellStatus(stage: stage, state: state, seconds: estimate) }
            if let last = local[hash]?.last {
                switch last.record.status {
                case .failed: return CellStatus(stage: stage, state: .failed, seconds: estimate)
                case .interrupted: return CellStatus(stage: stage, state: .interrupted, seconds: estimate)
                case .running: return CellStatus(stage: stage, state: .running, seconds: estimate)
                case .finished: break
                }
            }
            return CellStatus(stage: stage, state: ran.contains(stage.cellID) ? .failed : .pending, seconds: estimate)
        }
        return (statuses, estimates)
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
            rows.append([status.stage.cellID, status.stage.dependencyID ?? "—", state, status.isDone ? time + " (measured)" : time])
            if !status.isDone {
                if let seconds = status.seconds { remaining += seconds } else { unknown += 1 }
            }
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for (index, field) in row.enumerated() { widths[index] = max(widths[index], field.count) } }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let finished = statuses.filter { $0.state == .finished }.count, recorded = statuses.filter { $0.state == .inLedger }.count
        var summary = "\(finished) of \(statuses.count) cells finished here"
        if recorded > 0 { summary += ", \(recorded) in the ledger" }
        summary += "; the rest need about \(DurationText.format(remaining)) of one machine"
        if unknown > 0 { summary += " plus \(unknown) cell(s) without a measured time yet" }
        lines += ["", summary + " (estimates: mean wall time of finished runs of the same task, method, encoder and cap, on this compute engine where it has any)."]
        return lines.joined(separator: "\n") + "\n"
    }
}
