import Foundation

/// TREC's two label files from CogComp; one normalised pair of files serves trec-coarse,
/// trec-fine and trec-fine50, since each reads its own view of the stored "COARSE:fine" label.
struct TrecDistribution: Distribution {
    static let train = RawFile(
        mirrorPath: "TREC/train_5500.label",
        canonicalURL: URL(string: "https://cogcomp.seas.upenn.edu/Data/QA/QC/train_5500.label"),
        sha256: "9e4c8bdcaffb96ed61041bd64b564183d52793a8e91d84fc3a8646885f466ec3")
    static let test = RawFile(
        mirrorPath: "TREC/TREC_10.label",
        canonicalURL: URL(string: "https://cogcomp.seas.upenn.edu/Data/QA/QC/TREC_10.label"),
        sha256: "033f22c028c2bbba9ca682f68ffe204dc1aa6e1cf35dd6207f2d4ca67f0d0e8e")

    var outputs: [OutputPlan] {
        [OutputPlan(relativePath: "trec/train.tsv", isPair: false, publishedRows: 5_452),
         OutputPlan(relativePath: "trec/test.tsv", isPair: false, publishedRows: 500)]
    }

    func convert(with fetcher: RawFetcher) throws -> [ConvertedFile] {
        try zip(outputs, [Self.train, Self.test]).map { plan, raw in
            let local = try fetchRequired(raw, with: fetcher)
            let rows = try TrecFormat.rows(of: read(local), name: local.source)
            return ConvertedFile(plan: plan, rows: rows, source: local.source, verified: local.verified)
        }
    }
}
