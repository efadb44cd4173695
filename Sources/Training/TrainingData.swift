import Autodiff
import BERT
import Foundation
import Records
import TextData

/// The tokenised examples one run trains and evaluates on.
public struct TrainingData {
    public let task: TaskSpec
    /// The training examples after the protocol's subset and the example cap, in file order.
    public let train: [EncodedExample]
    /// The split that selects the best checkpoint (GLUE dev, TREC test, ANLI dev).
    public let selection: [EncodedExample]
    /// The split reported when it differs from the selection split (ANLI test); nil otherwise.
    public let report: [EncodedExample]?

    /// Reads (or builds and caches) the task's tokenised splits and applies the protocol's subset:
    /// `paper` keeps the released code's seeded 75%, `fixed` the whole train split.
    public static func load(task: TaskSpec, tokenizer: BertTokenizer, maxLength: Int, dataDirectory: URL, cacheDirectory: URL,
                            dataProtocol: TextData.DataProtocol, seed: Int, maxTrainExamples: Int?) throws -> TrainingData {
        func split(_ name: String) throws -> [EncodedExample] {
            try loadOrBuildEncodedSplit(task: task, split: name, dataDirectory: dataDirectory, cacheDirectory: cacheDirectory,
                                        cacheKey: "\(tokenizer.vocabularySHA256)-\(maxLength)") { a, b in
                let encoded = tokenizer.encode(a, b, maxLength: maxLength)
                return (encoded.inputIds, encoded.tokenTypeIds)
            }
        }
        var subsetRNG = SeededRNG(seed: UInt64(seed)).split("train-subset")
        var train = trainingSubset(try split(task.trainSplit), protocol: dataProtocol, using: &subsetRNG)
        if let cap = maxTrainExamples, cap < train.count { train = Array(train.prefix(cap - cap % 2)) }
        let selection = try split(task.selectionSplit)
        let report = task.reportSplit == task.selectionSplit ? nil : try split(task.reportSplit)
        return TrainingData(task: task, train: train, selection: selection, report: report)
    }

    /// Checks that the files of every split are present, before any work starts; the error names the
    /// missing file and the `download-tsv` command that fetches it.
    public static func checkPresent(task: TaskSpec, dataDirectory: URL) throws {
        for split in Set([task.trainSplit, task.selectionSplit, task.reportSplit]) {
            for relative in try task.relativeFiles(forSplit: split) {
                let url = dataDirectory.appendingPathComponent(relative)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw DataError.missingData(file: url.path, fix: "ssmix-exp download-tsv --tasks \(task.downloadGroup) --out \(dataDirectory.path)")
                }
            }
        }
    }
}
