import Foundation
import XCTest
@testable import TextData

final class TaskRegistryTests: XCTestCase {
    func testTaskNamesAreThePapersTasks() {
        XCTAssertEqual(TaskRegistry.allNames, ["sst2", "qqp", "mnli", "qnli", "rte", "mrpc", "trec-coarse",
                                               "trec-fine", "trec-fine50", "anli-r1", "anli-r2", "anli-r3"])
    }

    func testUnknownTaskNamesTheKnownOnes() {
        let message = Fixtures.errorLine { _ = try TaskRegistry.spec(named: "trec6") }
        XCTAssertTrue(message.contains("unknown task 'trec6'"), message)
        XCTAssertTrue(message.contains("trec-coarse"), message)
    }

    func testSplitsFollowTheReference() throws {
        let trec = try TaskRegistry.spec(named: "trec-coarse")
        XCTAssertEqual([trec.trainSplit, trec.selectionSplit, trec.reportSplit], ["train", "test", "test"])
        XCTAssertFalse(trec.isPair)
        let sst2 = try TaskRegistry.spec(named: "sst2")
        XCTAssertEqual([sst2.selectionSplit, sst2.reportSplit], ["dev", "dev"])
        let mnli = try TaskRegistry.spec(named: "mnli")
        XCTAssertEqual(mnli.reportSplit, "dev_matched")
        XCTAssertTrue(mnli.splits.contains("dev_mismatched"))
        let anli = try TaskRegistry.spec(named: "anli-r2")
        XCTAssertEqual([anli.selectionSplit, anli.reportSplit], ["dev", "test"])
        XCTAssertEqual(try anli.relativeFiles(forSplit: "train"),
                       ["anli-r1/train.tsv", "anli-r2/train.tsv", "anli-r3/train.tsv"])
        XCTAssertEqual(try anli.relativeFiles(forSplit: "test"), ["anli-r2/test.tsv"])
        XCTAssertThrowsError(try anli.relativeFiles(forSplit: "validation"))
        for name in ["qqp", "mnli", "qnli", "rte", "mrpc", "anli-r1"] {
            XCTAssertTrue(try TaskRegistry.spec(named: name).isPair, name)
        }
    }

    func testLabelSets() throws {
        XCTAssertEqual(try TaskRegistry.spec(named: "rte").labelNames, ["entailment", "not_entailment"])
        XCTAssertEqual(try TaskRegistry.spec(named: "mnli").labelNames, ["entailment", "neutral", "contradiction"])
        XCTAssertEqual(try TaskRegistry.spec(named: "anli-r3").labelNames, ["entailment", "neutral", "contradiction"])
        XCTAssertEqual(try TaskRegistry.spec(named: "qqp").labelNames, ["0", "1"])
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-coarse").labelNames, ["DESC", "ENTY", "ABBR", "HUM", "NUM", "LOC"])
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-fine").labelCount, 47)
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-fine50").labelCount, 50)
    }

    func testOneStoredTrecLabelSeenThroughEachView() throws {
        let stored = "NUM:other"
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-coarse").labelIndex(ofStoredLabel: stored), 4)
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-fine").labelIndex(ofStoredLabel: stored),
                       TrecLabels.fineSuffix.firstIndex(of: "other"))
        XCTAssertEqual(try TaskRegistry.spec(named: "trec-fine50").labelIndex(ofStoredLabel: stored),
                       TrecLabels.fineFull.firstIndex(of: "NUM:other"))
        XCTAssertNil(try TaskRegistry.spec(named: "trec-fine50").labelIndex(ofStoredLabel: "NUM:bogus"))
    }

    /// The old HF loader's label orders are the order of first appearance in train_5500.label;
    /// the real file proves both lists, and that the 50 full labels are exactly the file's.
    func testTrecLabelOrdersMatchTheRealTrainFile() throws {
        let rows = try TrecFormat.rows(of: Data(contentsOf: Fixtures.sharedData("TREC/train_5500.label")), name: "train")
        var coarse: [String] = [], fine: [String] = [], full = Set<String>()
        for row in rows {
            let c = LabelView.coarsePrefix.className(of: row.label)
            let f = LabelView.fineSuffix.className(of: row.label)
            if !coarse.contains(c) { coarse.append(c) }
            if !fine.contains(f) { fine.append(f) }
            full.insert(row.label)
        }
        XCTAssertEqual(coarse, TrecLabels.coarse)
        XCTAssertEqual(fine, TrecLabels.fineSuffix)
        XCTAssertEqual(full, Set(TrecLabels.fineFull))
        XCTAssertEqual(TrecLabels.fineFull.count, Set(TrecLabels.fineFull).count)
    }

    func testDownloadGroupsResolveTasksGroupsAndAll() throws {
        XCTAssertEqual(try DownloadGroup.resolve("trec-fine, anli-r2,trec"), [.trec, .anli])
        XCTAssertEqual(try DownloadGroup.resolve("all"), DownloadGroup.allCases)
        XCTAssertEqual(try DownloadGroup.resolve("mrpc,sst2"), [.sst2, .mrpc])
        XCTAssertEqual(DownloadGroup.trec.taskNames, ["trec-coarse", "trec-fine", "trec-fine50"])
        XCTAssertEqual(DownloadGroup.anli.taskNames, ["anli-r1", "anli-r2", "anli-r3"])
        XCTAssertTrue(Fixtures.errorLine { _ = try DownloadGroup.resolve("sst2,glue") }.contains("unknown task 'glue'"))
        XCTAssertThrowsError(try DownloadGroup.resolve(" , "))
    }
}
