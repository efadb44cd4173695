import Foundation

/// ANLI v1.0: one zip holding `anli_v1.0/R{1,2,3}/{train,dev,test}.jsonl`, written as
/// `anli-r{1,2,3}/{train,dev,test}.tsv`.
struct ANLIDistribution: Distribution {
    static let archive = RawFile(
        mirrorPath: "anli_v1.0.zip",
        canonicalURL: URL(string: "https://dl.fbaipublicfiles.com/anli/anli_v1.0.zip"),
        sha256: "e5c058f2bb4e6190b0651badca2c590e45db95248f8b28cde674615ee40820bf")
    /// Published row counts per round: train, dev, test.
    static let rows = [1: [16_946, 1_000, 1_000], 2: [45_460, 1_000, 1_000], 3: [100_459, 1_200, 1_200]]
    static let splits = ["train", "dev", "test"]

    var outputs: [OutputPlan] {
        (1...3).flatMap { round in
            Self.splits.indices.map { i in
                OutputPlan(relativePath: "anli-r\(round)/\(Self.splits[i]).tsv", isPair: true,
                           publishedRows: Self.rows[round]?[i] ?? 0)
            }
        }
    }

    func convert(with fetcher: RawFetcher) throws -> [ConvertedFile] {
        let members = (1...3).flatMap { round in
            Self.splits.map { ZippedDistribution.Member(path: "R\(round)/\($0).jsonl", sha256: nil) }
        }
        let distribution = ZippedDistribution(zip: Self.archive, folder: "anli_v1.0", members: members)
        return try zip(outputs, distribution.fetchMembers(with: fetcher)).map { plan, member in
            ConvertedFile(plan: plan, rows: try ANLIFormat.rows(of: member.data, name: member.source),
                          source: member.source, verified: member.verified)
        }
    }
}
