import Foundation
import Records

/// Each mixup method's gain over normal fine-tuning per column: the mean over seeds of
/// (method − the normal run it started from) with a 95% paired bootstrap interval and a paired t-test,
/// beside the paper's gain (the paper's method mean − its normal mean). Unlike Δ against the
/// paper's accuracies, this survives a change of encoder.
public struct GainTable: Sendable {
    /// One method in one column.
    public struct Row: Sendable {
        public let column: ReportColumn
        public let method: String
        public let pairs: SeedPairs
        public let difference: PairedDifference
        /// The paper's method − normal, in points.
        public let paperGain: Double?
    }

    /// Models, protocol, seeds and date of the runs counted.
    public let header: ReportHeader
    /// Rows with at least one pair, by column then method (the paper's order).
    public let rows: [Row]

    /// The mixup methods, in the paper's order (Table 2's, then UNK), then the rest of the family.
    public static let methods = ["embedmix", "tmix", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "unk", "wordmix", "senmix", "manifold"]

    /// Builds the rows from measured results and the paper's numbers, dated `date`.
    public init(results: MeasuredResults, paper: PaperTables, date: Date) {
        var rows: [Row] = []
        for column in ReportColumn.all {
            for method in Self.methods {
                let pairs = SeedPairs(results: results, first: method, second: "normal", column: column)
                guard !pairs.pairs.isEmpty else { continue }
                rows.append(Row(column: column, method: method, pairs: pairs, difference: pairs.difference,
                                paperGain: Self.paperGain(paper, method: method, column: column.name)))
            }
        }
        self.rows = rows
        let counted = Set(rows.flatMap { $0.pairs.pairs.flatMap { [$0.first.run.configHash, $0.second.run.configHash] } })
        header = ReportHeader(runs: results.runs.filter { counted.contains($0.configHash) },
                              protocolName: results.protocolName, precision: results.precision, date: date)
    }

    /// The paper's mean of `method` minus its normal mean in `column` (Table 2, or B.1 for UNK).
    static func paperGain(_ paper: PaperTables, method: String, column: String) -> Double? {
        let value = paper.value(table: .table2, method: method, column: column) ?? paper.value(table: .tableB1, method: method, column: column)
        guard let value, let normal = paper.value(table: .table2, method: "normal", column: column) else { return nil }
        return value - normal
    }
}
