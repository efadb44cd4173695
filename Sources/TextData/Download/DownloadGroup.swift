import Foundation

/// A set of tasks that `download-tsv` fetches together because they share raw files.
public enum DownloadGroup: String, CaseIterable, Sendable {
    case sst2, qqp, mnli, qnli, rte, mrpc, trec, anli

    /// The tasks this group's files serve.
    public var taskNames: [String] {
        TaskRegistry.all.filter { $0.downloadGroup == rawValue }.map(\.name)
    }

    /// The groups named by a comma-separated `--tasks` value: task names (`trec-fine`,
    /// `anli-r2`), group names (`trec`, `anli`) or `all`. Duplicates collapse; the result keeps
    /// the order of `allCases`.
    public static func resolve(_ list: String) throws -> [DownloadGroup] {
        var chosen = Set<DownloadGroup>()
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            if name == "all" {
                chosen.formUnion(allCases)
            } else if let group = DownloadGroup(rawValue: name) {
                chosen.insert(group)
            } else if let task = TaskRegistry.all.first(where: { $0.name == name }),
                      let group = DownloadGroup(rawValue: task.downloadGroup) {
                chosen.insert(group)
            } else {
                throw DataError.unknownTask(name: name, known: ["all"] + allCases.map(\.rawValue) + TaskRegistry.allNames)
            }
        }
        guard !chosen.isEmpty else {
            throw DataError.unknownTask(name: list, known: ["all"] + allCases.map(\.rawValue))
        }
        return allCases.filter(chosen.contains)
    }

    /// The raw files behind this group and how they become normalised files.
    var distribution: Distribution {
        switch self {
        case .sst2: return GLUEDistributions.sst2
        case .qqp: return GLUEDistributions.qqp
        case .mnli: return GLUEDistributions.mnli
        case .qnli: return GLUEDistributions.qnli
        case .rte: return GLUEDistributions.rte
        case .mrpc: return MRPCDistribution()
        case .trec: return TrecDistribution()
        case .anli: return ANLIDistribution()
        }
    }
}

/// The raw files of one download group and their conversion to normalised files.
protocol Distribution {
    /// The files the group writes, relative to the data directory.
    var outputs: [OutputPlan] { get }
    /// Fetches the raw files and converts them, one entry per output, in the order of `outputs`.
    func convert(with fetcher: RawFetcher) throws -> [ConvertedFile]
}

/// One normalised file a group writes.
struct OutputPlan {
    /// Path below the data directory, e.g. `trec/train.tsv`.
    let relativePath: String
    /// Whether the rows are sentence pairs.
    let isPair: Bool
    /// The row count of the published split, checked whenever the raw bytes were verified
    /// against a published checksum.
    let publishedRows: Int
}

/// The rows converted for one output file.
struct ConvertedFile {
    let plan: OutputPlan
    let rows: [StoredRow]
    /// The raw file (URL, mirror path or zip entry) the rows came from.
    let source: String
    /// True when a published checksum confirmed the raw bytes.
    let verified: Bool
}
