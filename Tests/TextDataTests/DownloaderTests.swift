import Foundation
import XCTest
@testable import TextData

/// The download pipeline on local mirror folders: the formats that have no offline copy
/// (QQP, MNLI, QNLI train, ANLI) are exercised with small files in their exact layouts.
final class DownloaderTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try Fixtures.scratchDirectory(name)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func downloader(mirror: URL, force: Bool = false) -> DatasetDownloader {
        DatasetDownloader(dataDirectory: scratch.appendingPathComponent("data"),
                          source: .mirrorDirectory(mirror), force: force)
    }

    private var data: URL { scratch.appendingPathComponent("data") }

    func testQQPFromAnUnpackedMirrorFolder() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        let header = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
        try Fixtures.write(header + "0\t1\t2\tA?\tB?\t0\n1\t3\t4\tC?\tD?\t1\n2\t5\t6\tE?\tF?\t1\n", to: "QQP/train.tsv", in: mirror)
        try Fixtures.write(header + "0\t7\t8\tG?\tH?\t0\n", to: "QQP/dev.tsv", in: mirror)
        guard case .written(let files) = downloader(mirror: mirror).download(.qqp) else {
            return XCTFail("qqp was not written")
        }
        XCTAssertEqual(files.map(\.file), ["qqp/train.tsv", "qqp/dev.tsv"])
        let qqp = try TaskRegistry.spec(named: "qqp")
        let train = try loadSplit(qqp, split: "train", dataDirectory: data)
        XCTAssertEqual(train, [LabeledExample(textA: "A?", textB: "B?", label: 0), LabeledExample(textA: "C?", textB: "D?", label: 1),
                               LabeledExample(textA: "E?", textB: "F?", label: 1)])
        let manifest = DataManifest.load(dataDirectory: data)
        XCTAssertEqual(manifest.entry(for: "qqp/train.tsv")?.labels, ["0": 1, "1": 2])
        XCTAssertEqual(manifest.entry(for: "qqp/dev.tsv")?.rows, 1)
        XCTAssertEqual(manifest.entry(for: "qqp/dev.tsv")?.source, mirror.appendingPathComponent("QQP/dev.tsv").path)
    }

    func testMNLIWritesTrainAndBothDevSets() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        let trainHeader = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label\n"
        let devHeader = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n"
        try Fixtures.write(trainHeader + "0\t1\t1e\tfiction\tp\th\tp\th\tP one.\tH one.\tentailment\tentailment\n",
                           to: "MNLI/train.tsv", in: mirror)
        try Fixtures.write(devHeader + "0\t2\t2c\tslate\tp\th\tp\th\tP two.\tH two.\tcontradiction\tneutral\tcontradiction\tcontradiction\tcontradiction\tcontradiction\n",
                           to: "MNLI/dev_matched.tsv", in: mirror)
        try Fixtures.write(devHeader + "0\t3\t3n\tletters\tp\th\tp\th\tP three.\tH three.\tneutral\tneutral\tneutral\tneutral\tneutral\tneutral\n",
                           to: "MNLI/dev_mismatched.tsv", in: mirror)
        guard case .written = downloader(mirror: mirror).download(.mnli) else { return XCTFail("mnli was not written") }
        let mnli = try TaskRegistry.spec(named: "mnli")
        XCTAssertEqual(try loadSplit(mnli, split: "train", dataDirectory: data), [LabeledExample(textA: "P one.", textB: "H one.", label: 0)])
        XCTAssertEqual(try loadSplit(mnli, split: "dev_matched", dataDirectory: data).map(\.label), [2])
        XCTAssertEqual(try loadSplit(mnli, split: "dev_mismatched", dataDirectory: data).map(\.label), [1])
    }

    func testANLIRoundsAndCombinedTraining() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        for round in 1...3 {
            for (split, count) in [("train", round + 1), ("dev", 1), ("test", 2)] {
                let lines = (0..<count).map { i in
                    #"{"uid": "r\#(round)-\#(split)-\#(i)", "context": "Premise \#(round) \#(i).", "hypothesis": "Hypothesis.", "label": "\#(["e", "n", "c"][i % 3])", "reason": ""}"#
                }
                try Fixtures.write(lines.joined(separator: "\n") + "\n", to: "anli_v1.0/R\(round)/\(split).jsonl", in: mirror)
            }
        }
        guard case .written(let files) = downloader(mirror: mirror).download(.anli) else { return XCTFail("anli was not written") }
        XCTAssertEqual(files.count, 9)
        let r2 = try TaskRegistry.spec(named: "anli-r2")
        let train = try loadSplit(r2, split: "train", dataDirectory: data)
        XCTAssertEqual(train.count, 2 + 3 + 4)
        XCTAssertEqual(train.first?.textA, "Premise 1 0.")
        XCTAssertEqual(train.last?.textA, "Premise 3 3.")
        XCTAssertEqual(try loadSplit(r2, split: "test", dataDirectory: data).map(\.label), [0, 1])
        XCTAssertEqual(try loadSplit(r2, split: "dev", dataDirectory: data).first?.textA, "Premise 2 0.")
    }

    func testQNLIFromAZipWhenTheMirrorHasNoUnpackedFolder() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        let staging = scratch.appendingPathComponent("staging")
        let header = "index\tquestion\tsentence\tlabel\n"
        try Fixtures.write(header + "0\tWho?\tHim.\tentailment\n1\tWhere?\tNo idea.\tnot_entailment\n", to: "QNLI/train.tsv", in: staging)
        try Fixtures.write(header + "0\tWhen?\tThen.\tentailment\n", to: "QNLI/dev.tsv", in: staging)
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        try zipFolder("QNLI", in: staging, to: mirror.appendingPathComponent("QNLIv2.zip"))
        let unverified = GLUEDistribution(task: "qnli", archive: RawFile(mirrorPath: "QNLIv2.zip", canonicalURL: nil, sha256: nil),
                                          folder: "QNLI", columns: .qnli,
                                          splits: [.init(file: "train.tsv", sha256: nil, rows: 104_743),
                                                   .init(file: "dev.tsv", sha256: nil, rows: 5_463)])
        let fetcher = RawFetcher(source: .mirrorDirectory(mirror), downloadsDirectory: scratch, refetch: false, progress: nil)
        let converted = try unverified.convert(with: fetcher)
        XCTAssertEqual(converted.map(\.rows.count), [2, 1])
        XCTAssertEqual(converted[0].rows[1], StoredRow(label: "not_entailment", textA: "Where?", textB: "No idea."))
        XCTAssertTrue(converted[0].source.hasSuffix("QNLIv2.zip#QNLI/train.tsv"), converted[0].source)
        XCTAssertFalse(converted[0].verified)

        let published = Fixtures.errorLine { _ = try GLUEDistributions.qnli.convert(with: fetcher) }
        XCTAssertTrue(published.contains("QNLIv2.zip: sha256 mismatch"), published)
    }

    func testSecondRunSkipsAndATamperedFileIsRebuilt() throws {
        let mirror = try Fixtures.sharedData("")
        guard case .written = downloader(mirror: mirror).download(.trec) else { return XCTFail("first run did not write") }
        guard case .skipped = downloader(mirror: mirror).download(.trec) else { return XCTFail("second run did not skip") }
        let train = data.appendingPathComponent("trec/train.tsv")
        let good = try Data(contentsOf: train)
        try Data("label\ttext\nDESC:manner truncated\n".utf8).write(to: train)
        XCTAssertFalse(downloader(mirror: mirror).isComplete(.trec))
        guard case .written = downloader(mirror: mirror).download(.trec) else { return XCTFail("tampered file not rebuilt") }
        XCTAssertEqual(try Data(contentsOf: train), good)
    }

    func testAFailedGroupLeavesTheOthersAndTheFilesInPlace() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        let shared = try Fixtures.sharedData("TREC")
        try FileManager.default.copyItem(at: shared, to: mirror.appendingPathComponent("TREC"))
        try Fixtures.write("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n0\t1\t2\tA?\tB?\t0\n", to: "QQP/train.tsv", in: mirror)
        try Fixtures.write("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n0\t1\t2\tA?\t0\n", to: "QQP/dev.tsv", in: mirror)
        let loader = downloader(mirror: mirror)
        guard case .failed(let error) = loader.download(.qqp) else { return XCTFail("malformed qqp accepted") }
        XCTAssertEqual(String(describing: error),
                       "\(mirror.appendingPathComponent("QQP/dev.tsv").path):2: malformed row: expected 6 tab-separated columns, found 5")
        guard case .written = loader.download(.trec) else { return XCTFail("trec did not complete") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("qqp/train.tsv").path))
        XCTAssertNil(DataManifest.load(dataDirectory: data).entry(for: "qqp/train.tsv"))
    }

    func testHTMLInsteadOfDataIsRefused() throws {
        let mirror = scratch.appendingPathComponent("mirror")
        try Fixtures.write("\n<!DOCTYPE html><html><body>Sign in</body></html>\n", to: "TREC/train_5500.label", in: mirror)
        try FileManager.default.copyItem(at: Fixtures.sharedData("TREC/TREC_10.label"),
                                         to: mirror.appendingPathComponent("TREC/TREC_10.label"))
        guard case .failed(let error) = downloader(mirror: mirror).download(.trec) else { return XCTFail("HTML accepted") }
        XCTAssertTrue(String(describing: error).contains("received an HTML page instead of the data file"), "\(error)")
    }

    func testMissingSplitTellsHowToDownloadIt() throws {
        let message = Fixtures.errorLine {
            _ = try loadSplit(TaskRegistry.spec(named: "trec-fine"), split: "train", dataDirectory: self.data)
        }
        XCTAssertEqual(message, "\(data.path)/trec/train.tsv is missing; run `ssmix-exp download-tsv --tasks trec --out \(data.path)`")
    }

    func testNormalisedFileWithAStrayLabelNamesTheLine() throws {
        try Fixtures.write("label\ttext_a\ttext_b\nentailment\ta\tb\nmaybe\tc\td\n", to: "rte/dev.tsv", in: data)
        let message = Fixtures.errorLine {
            _ = try loadSplit(TaskRegistry.spec(named: "rte"), split: "dev", dataDirectory: self.data)
        }
        XCTAssertEqual(message, "\(data.path)/rte/dev.tsv:3: unknown label 'maybe'")
    }

    /// Zips `folder` (below `directory`) into `zip` with Python's zipfile.
    private func zipFolder(_ folder: String, in directory: URL, to zip: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import shutil, sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2], sys.argv[3])",
                             zip.deletingPathExtension().path, directory.path, folder]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("python3 could not write \(zip.path)") }
    }
}
