import Foundation

/// A GLUE task zip and how its TSV files become normalised files.
struct GLUEDistribution: Distribution {
    /// One split: the file in the zip, its known sha256 and published row count.
    struct Split {
        let file: String
        let sha256: String?
        let rows: Int
    }

    let task: String
    let archive: RawFile
    let folder: String
    let columns: GLUEColumns
    let splits: [Split]

    /// The normalised files: `<task>/<split>.tsv`.
    var outputs: [OutputPlan] {
        splits.map { OutputPlan(relativePath: "\(task)/\($0.file)", isPair: columns.texts.count == 2, publishedRows: $0.rows) }
    }

    /// Fetches the split files (unpacked in a mirror, or from the zip) and parses them.
    func convert(with fetcher: RawFetcher) throws -> [ConvertedFile] {
        let distribution = ZippedDistribution(zip: archive, folder: folder,
                                              members: splits.map { .init(path: $0.file, sha256: $0.sha256) })
        let fetched = try distribution.fetchMembers(with: fetcher)
        return try zip(outputs, fetched).map { plan, member in
            let rows = try GLUETable.rows(of: TextFile.utf8(member.data, name: member.source), columns: columns)
            return ConvertedFile(plan: plan, rows: rows, source: member.source, verified: member.verified)
        }
    }
}

/// The five GLUE zips the paper uses (URLs and sha256 from MANIFEST.txt).
enum GLUEDistributions {
    /// QQP (the cleaned zip the HF loader uses): question pairs, is_duplicate 0/1.
    static let qqp = GLUEDistribution(
        task: "qqp", archive: glueZip("QQP-clean.zip", "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0"),
        folder: "QQP", columns: .qqp,
        splits: [.init(file: "train.tsv", sha256: nil, rows: 363_846),
                 .init(file: "dev.tsv", sha256: nil, rows: 40_430)])
    /// MNLI: train plus both dev sets; the gold label is the last column.
    static let mnli = GLUEDistribution(
        task: "mnli", archive: glueZip("MNLI.zip", "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633"),
        folder: "MNLI", columns: .mnli,
        splits: [.init(file: "train.tsv", sha256: nil, rows: 392_702),
                 .init(file: "dev_matched.tsv", sha256: nil, rows: 9_815),
                 .init(file: "dev_mismatched.tsv", sha256: nil, rows: 9_832)])
    /// QNLI v2: question/sentence pairs; only the dev file has a known checksum.
    static let qnli = GLUEDistribution(
        task: "qnli", archive: glueZip("QNLIv2.zip", "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5"),
        folder: "QNLI", columns: .qnli,
        splits: [.init(file: "train.tsv", sha256: nil, rows: 104_743),
                 .init(file: "dev.tsv", sha256: "ac19409dcb04631eaaa094bdebdcf621086bc352503dfb6a1a648b614986f4fd",
                       rows: 5_463)])
    /// RTE: sentence pairs, entailment/not_entailment.
    static let rte = GLUEDistribution(
        task: "rte", archive: glueZip("RTE.zip", "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee"),
        folder: "RTE", columns: .rte,
        splits: [.init(file: "train.tsv", sha256: "41e3a9b063433392343fad9e962cf2f58b681c78d8f71592f4186f0837246c5c",
                       rows: 2_490),
                 .init(file: "dev.tsv", sha256: "80230dfa1347282e7b532b06a1004a76a710087541189bf874223ddf0e3819fb",
                       rows: 277)])
    /// SST-2: single sentences, label 0/1.
    static let sst2 = GLUEDistribution(
        task: "sst2", archive: glueZip("SST-2.zip", "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa"),
        folder: "SST-2", columns: .sst2,
        splits: [.init(file: "train.tsv", sha256: "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1",
                       rows: 67_349),
                 .init(file: "dev.tsv", sha256: "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0",
                       rows: 872)])

    /// A zip on GLUE's server under its canonical name.
    private static func glueZip(_ name: String, _ sha256: String) -> RawFile {
        RawFile(mirrorPath: name, canonicalURL: URL(string: "https://dl.fbaipublicfiles.com/glue/data/\(name)"), sha256: sha256)
    }
}
