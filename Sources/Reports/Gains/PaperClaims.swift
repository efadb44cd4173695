import Records

/// The paper's claims, each checked on our runs: a comparison of two methods (or of one gain
/// across tasks), paired by seed in every column that has runs, decided at 95% by the paired
/// t-test. A claim holds when it holds in every column with pairs, fails when it fails in any,
/// and is undecided otherwise.
public struct PaperClaims: Sendable {
    /// One column's evidence for a claim.
    public struct Evidence: Sendable {
        public let column: ReportColumn
        public let pairs: SeedPairs
        public let difference: PairedDifference
        /// The same comparison on the paper's means.
        public let paperDifference: Double?
    }

    /// One claim and what our runs say about it.
    public struct Claim: Sendable {
        /// The claim in words.
        public let statement: String
        /// Where the paper shows it.
        public let paperSource: String
        /// What is compared: `first − second`, e.g. `ssmix − normal`.
        public let comparison: String
        /// One entry per column with at least one pair.
        public let evidence: [Evidence]

        /// holds / fails / undecided over every column with evidence.
        public var verdict: PairedDifference.Verdict {
            let verdicts = evidence.map(\.difference.verdict)
            if verdicts.contains(.fails) { return .fails }
            if !verdicts.isEmpty && verdicts.allSatisfy({ $0 == .holds }) { return .holds }
            return .undecided
        }
    }

    /// The claims, in the order the paper makes them.
    public let claims: [Claim]

    /// Checks every claim on `results` beside the paper's numbers.
    public init(results: MeasuredResults, paper: PaperTables) {
        func compare(_ statement: String, _ source: String, _ first: String, _ second: String, table: ReportTableKind) -> Claim {
            let evidence: [Evidence] = ReportColumn.all.compactMap { column in
                let pairs = SeedPairs(results: results, first: first, second: second, column: column)
                guard !pairs.pairs.isEmpty else { return nil }
                var paperDifference: Double?
                if let a = paper.value(table: table, method: first, column: column.name),
                   let b = paper.value(table: table, method: second, column: column.name) { paperDifference = a - b }
                return Evidence(column: column, pairs: pairs, difference: pairs.difference, paperDifference: paperDifference)
            }
            return Claim(statement: statement, paperSource: source, comparison: "\(first) − \(second)", evidence: evidence)
        }
        claims = [
            compare("SSMix improves on normal fine-tuning on every task", "Table 2", "ssmix", "normal", table: .table2),
            compare("SSMix beats EmbedMix", "Table 2", "ssmix", "embedmix", table: .table2),
            compare("SSMix beats TMix", "Table 2", "ssmix", "tmix", table: .table2),
            compare("Saliency adds to SSMix (SSMix beats SSMix without saliency)", "Table 2 and B.1", "ssmix", "ssmix-no-saliency", table: .table2),
            compare("The span adds to SSMix (without saliency, span beats token-wise mixing)", "Table 2 and B.1",
                    "ssmix-no-saliency", "ssmix-no-saliency-no-span", table: .table2),
            compare("SSMix beats UNK replacement of the same span", "Table B.1", "ssmix", "unk", table: .tableB1),
            Self.largestGainOnTRECFine(results: results, paper: paper),
        ]
    }

    /// The gain of SSMix over normal is larger on TREC-fine (47 classes) than on each other task:
    /// per seed, (SSMix − normal on TREC-fine) − (SSMix − normal on the other task).
    private static func largestGainOnTRECFine(results: MeasuredResults, paper: PaperTables) -> Claim {
        let statement = "SSMix's gain over normal is largest on the many-class task (TREC-fine)"
        let comparison = "(ssmix − normal on trec-fine) − (ssmix − normal on the task)"
        guard let fine = ReportColumn.named("trec-fine") else {
            return Claim(statement: statement, paperSource: "Table 2", comparison: comparison, evidence: [])
        }
        let fineGains = Dictionary(SeedPairs(results: results, first: "ssmix", second: "normal", column: fine).pairs.map { ($0.seed, $0) }) { a, _ in a }
        let paperFine = GainTable.paperGain(paper, method: "ssmix", column: fine.name)
        var evidence: [Evidence] = []
        for column in ReportColumn.all where column != fine {
            let other = SeedPairs(results: results, first: "ssmix", second: "normal", column: column)
            let matched = other.pairs.compactMap { pair in fineGains[pair.seed].map { (fine: $0, other: pair) } }
            guard !matched.isEmpty else { continue }
            let differences = matched.map { $0.fine.difference - $0.other.difference }
            var paperDifference: Double?
            if let paperFine, let paperOther = GainTable.paperGain(paper, method: "ssmix", column: column.name) {
                paperDifference = paperFine - paperOther
            }
            evidence.append(Evidence(column: column, pairs: SeedPairs(matching: matched.map(\.other)), difference: PairedDifference(differences),
                                     paperDifference: paperDifference))
        }
        return Claim(statement: statement, paperSource: "Table 2", comparison: comparison, evidence: evidence)
    }
}

extension SeedPairs {
    /// Pairs already matched (the other task's pairs of the seeds TREC-fine also has).
    init(matching pairs: [Pair]) {
        self.pairs = pairs
    }
}
