import Records
/// One column of the paper's tables: a task, and which of its recorded accuracies it shows.
public struct ReportColumn: Hashable, Sendable {
    /// Which accuracy of a run a column shows.
    public enum Measure: Hashable, Sendable {
        /// The best accuracy on the selection split (GLUE dev, TREC test, ANLI valid).
        case bestAccuracy
        /// The test accuracy recorded at the best selection accuracy (ANLI test).
        case testAccuracyAtBest
    }

    /// The column's name in reports and band files, e.g. `sst2` or `anli-r1-test`.
    public let name: String
    /// The heading shown in tables, e.g. `SST-2`.
    public let title: String
    /// The task whose runs fill the column.
    public let task: String
    /// Which accuracy of those runs it shows.
    public let measure: Measure

    /// The paper's columns in order: GLUE, TREC, then ANLI valid and test per round.
    public static let all: [ReportColumn] = {
        let single: [(String, String)] = [
            ("sst2", "SST-2"), ("qqp", "QQP"), ("mnli", "MNLI"), ("qnli", "QNLI"), ("rte", "RTE"),
            ("mrpc", "MRPC"), ("trec-coarse", "TREC-coarse"), ("trec-fine", "TREC-fine"),
        ]
        var columns = single.map { ReportColumn(name: $0.0, title: $0.1, task: $0.0, measure: .bestAccuracy) }
        for round in 1...3 {
            let task = "anli-r\(round)"
            columns.append(ReportColumn(name: "\(task)-valid", title: "ANLI-R\(round) valid", task: task, measure: .bestAccuracy))
            columns.append(ReportColumn(name: "\(task)-test", title: "ANLI-R\(round) test", task: task, measure: .testAccuracyAtBest))
        }
        return columns
    }()

    /// The column with this name, if any.
    public static func named(_ name: String) -> ReportColumn? {
        all.first { $0.name == name }
    }

    /// The accuracy of `run` this column shows, as a fraction, or nil when the run lacks it.
    public func accuracy(of run: RunRecord) -> Double? {
        switch measure {
        case .bestAccuracy: return run.bestAccuracy
        case .testAccuracyAtBest: return run.bestTestAccuracy
        }
    }
}
