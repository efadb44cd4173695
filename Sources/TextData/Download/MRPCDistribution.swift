import FileSupport
import Foundation

/// MRPC, which GLUE does not host: the two Microsoft source files plus GLUE's dev id list,
/// split into train/dev the way GLUE does (see `MRPCSplitter`); the test split comes straight
/// from `msr_paraphrase_test.txt`, labels included.
struct MRPCDistribution: Distribution {
    static let trainSource = RawFile(
        mirrorPath: "MRPC/msr_paraphrase_train.txt",
        canonicalURL: URL(string: "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt"),
        sha256: "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89")
    static let testSource = RawFile(
        mirrorPath: "MRPC/msr_paraphrase_test.txt",
        canonicalURL: URL(string: "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt"),
        sha256: "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784")
    static let devIDs = RawFile(
        mirrorPath: "MRPC/mrpc_dev_ids.tsv",
        canonicalURL: URL(string: "https://dl.fbaipublicfiles.com/glue/data/mrpc_dev_ids.tsv"),
        sha256: "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7")
    /// sha256 of GLUE's own train.tsv and dev.tsv, which the split must reproduce byte for byte.
    static let glueTrainSHA256 = "69abcedee3cf738c6ce58d772e43e1b7cdf5b4edee4aceda459c0d9f4e5599f3"
    static let glueDevSHA256 = "9e8f284788040f7c9ecde2e1b3c07237c756f926bd9ef8548ef5d34b56f69f17"

    var outputs: [OutputPlan] {
        [OutputPlan(relativePath: "mrpc/train.tsv", isPair: true, publishedRows: 3_668),
         OutputPlan(relativePath: "mrpc/dev.tsv", isPair: true, publishedRows: 408),
         OutputPlan(relativePath: "mrpc/test.tsv", isPair: true, publishedRows: 1_725)]
    }

    func convert(with fetcher: RawFetcher) throws -> [ConvertedFile] {
        let train = try fetchRequired(Self.trainSource, with: fetcher)
        let test = try fetchRequired(Self.testSource, with: fetcher)
        let ids = try fetchRequired(Self.devIDs, with: fetcher)
        let split = try MRPCSplitter.glueTrainAndDev(
            source: read(train), sourceName: train.source, devIDs: read(ids), devIDsName: ids.source)
        let verified = train.verified && ids.verified
        if verified {
            try requireSHA256(split.train, Self.glueTrainSHA256, name: "MRPC train.tsv built from \(train.source)")
            try requireSHA256(split.dev, Self.glueDevSHA256, name: "MRPC dev.tsv built from \(train.source)")
        }
        let parts = [(split.train, train.source, verified), (split.dev, train.source, verified),
                     (try read(test), test.source, test.verified)]
        return try zip(outputs, parts).map { plan, part in
            let rows = try GLUETable.rows(of: TextFile.utf8(part.0, name: part.1), columns: .mrpc)
            return ConvertedFile(plan: plan, rows: rows, source: part.1, verified: part.2)
        }
    }

    /// Throws when the rebuilt GLUE file differs from GLUE's published one.
    private func requireSHA256(_ data: Data, _ expected: String, name: String) throws {
        let actual = Checksum.sha256Hex(data)
        guard actual == expected else {
            throw DataError.checksumMismatch(file: name, expected: expected, actual: actual)
        }
    }
}

/// A raw file that must exist; a mirror without it is an error naming the file.
func fetchRequired(_ file: RawFile, with fetcher: RawFetcher) throws -> LocalRawFile {
    guard let local = try fetcher.fetch(file) else {
        throw DataError.fetchFailed(source: file.mirrorPath, reason: "the mirror does not hold it")
    }
    return local
}

/// The bytes of a fetched raw file.
func read(_ file: LocalRawFile) throws -> Data {
    do {
        return try Data(contentsOf: file.url)
    } catch {
        throw DataError.io(file: file.url.path, reason: "cannot be read")
    }
}
