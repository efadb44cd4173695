import Foundation

/// Where a recorded run was read from.
public enum RunSource: Hashable, Sendable, CustomStringConvertible {
    /// A row of a local run database.
    case database(path: String, id: Int64)
    /// A line of a results ledger.
    case ledger(path: String, line: Int)

    /// `runs/ssmix.sqlite run 12` or `reports/ledger.jsonl:3`.
    public var description: String {
        switch self {
        case .database(let path, let id): return "\(path) run \(id)"
        case .ledger(let path, let line): return "\(path):\(line)"
        }
    }
}

/// A run with its evaluations and where it was read from: what reports, checks and listings count.
public struct RecordedRun: Hashable, Sendable {
    /// The run's row (its `id` is nil when it comes from a ledger).
    public var record: RunRecord
    /// Its evaluations in the order they were recorded.
    public var evaluations: [EvaluationRecord]
    /// The database row or ledger line it comes from.
    public var source: RunSource

    /// Collects the pieces.
    public init(record: RunRecord, evaluations: [EvaluationRecord], source: RunSource) {
        self.record = record
        self.evaluations = evaluations
        self.source = source
    }

    /// "<this run's engine> against <other's engine>" (`unnamed` for runs recorded without one), for
    /// messages about reruns under another compute engine.
    public func engines(against other: RecordedRun) -> String {
        "\(record.engine ?? "unnamed") against \(other.record.engine ?? "unnamed")"
    }

    /// The run's identity on every machine: its configuration hash (which includes the seed).
    public var configHash: String { record.configHash }

    /// The first 12 hex digits of the configuration hash, as listings show it.
    public var shortHash: String { String(record.configHash.prefix(12)) }

    /// The training-example cap of its configuration, when it trained on a capped subset.
    public var trainExampleCap: Int? {
        guard case .number(let cap)? = JSONValue(parsing: record.configJSON)?["maxTrainExamples"] else { return nil }
        return Int(cap)
    }

    /// Mixup stage: the configuration hash of the normal run whose best checkpoint it started from.
    public var startsFrom: String? {
        guard case .string(let hash)? = JSONValue(parsing: record.configJSON)?["startsFrom"] else { return nil }
        return hash
    }

    /// True when both runs continue the same first stage: one is the normal run the other started
    /// from, or both started from the same normal run. Runs recorded without that link count as
    /// the same first stage when their training caps agree.
    public func sharesFirstStage(with other: RecordedRun) -> Bool {
        let mine = startsFrom ?? (record.stage == "normal" ? configHash : nil)
        let theirs = other.startsFrom ?? (other.record.stage == "normal" ? other.configHash : nil)
        guard let mine, let theirs else { return trainExampleCap == other.trainExampleCap }
        return mine == theirs
    }

    /// The number format of its dense layers' products (`fp32` or `bf16`); runs recorded before it
    /// was a setting are fp32.
    public var precision: String {
        guard case .string(let precision)? = JSONValue(parsing: record.configJSON)?["precision"] else { return "fp32" }
        return precision
    }

    /// True when the run trained on a capped subset (a smoke run, not a reproduction).
    public var isCapped: Bool { trainExampleCap != nil }

    /// True when both runs report the same results: best accuracies and every evaluation.
    public func hasSameResults(as other: RecordedRun) -> Bool {
        func outcome(_ run: RecordedRun) -> [String] {
            [String(describing: run.record.bestAccuracy), String(describing: run.record.bestTestAccuracy)]
                + run.evaluations.map { "\($0.step) \($0.split) \($0.accuracy)" }
        }
        return outcome(self) == outcome(other)
    }
}
