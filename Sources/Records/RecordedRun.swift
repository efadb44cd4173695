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

    /// The run's identity on every machine: its configuration hash (which includes the seed).
    public var configHash: String { record.configHash }

    /// The first 12 hex digits of the configuration hash, as listings show it.
    public var shortHash: String { String(record.configHash.prefix(12)) }

    /// The training-example cap of its configuration, when it trained on a capped subset.
    public var trainExampleCap: Int? {
        guard case .number(let cap)? = JSONValue(parsing: record.configJSON)?["maxTrainExamples"] else { return nil }
        return Int(cap)
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
