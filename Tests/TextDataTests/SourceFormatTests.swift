import FileSupport
import Foundation
import XCTest
@testable import TextData

/// Readers for every raw format, on the real shared files where they exist and on small files
/// written in the documented formats where they do not (QQP, MNLI, QNLI train, ANLI).
final class SourceFormatTests: XCTestCase {
    func testTrecRealFilesAndTheOneLatin1Byte() throws {
        let raw = try Data(contentsOf: Fixtures.sharedData("TREC/train_5500.label"))
        let rows = try TrecFormat.rows(of: raw, name: "train_5500.label")
        XCTAssertEqual(rows.count, 5452)
        XCTAssertEqual(rows[0], StoredRow(label: "DESC:manner", textA: "How did serfdom develop in and then leave Russia ?", textB: nil))
        let line66 = rows[65].textA
        XCTAssertTrue(line66.contains("sister city"), line66)
        XCTAssertTrue(rows.allSatisfy { $0.textA.unicodeScalars.allSatisfy(\.isASCII) })
        let test = try TrecFormat.rows(of: Data(contentsOf: Fixtures.sharedData("TREC/TREC_10.label")), name: "TREC_10.label")
        XCTAssertEqual(test.count, 500)
    }

    func testTrecBadLinesNameTheLine() {
        let unknown = Fixtures.errorLine { _ = try TrecFormat.rows(of: Data("DESC:manner How ?\nFOO:bar What ?\n".utf8), name: "t.label") }
        XCTAssertEqual(unknown, "t.label:2: unknown label 'FOO:bar'")
        let noText = Fixtures.errorLine { _ = try TrecFormat.rows(of: Data("DESC:manner How ?\n\nHUM:ind Who ?\n".utf8), name: "t.label") }
        XCTAssertTrue(noText.hasPrefix("t.label:2: malformed row"), noText)
    }

    func testQQPFormat() throws {
        let text = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
            + "0\t1\t2\tHow do I learn Swift?\tWhat is the best way to learn Swift?\t1\n"
            + "1\t3\t4\tWhy is the sky \"blue\"?\tHow far is the moon?\t0\n"
        let rows = try GLUETable.rows(of: TextFile.utf8(Data(text.utf8), name: "QQP/dev.tsv"), columns: .qqp)
        XCTAssertEqual(rows, [
            StoredRow(label: "1", textA: "How do I learn Swift?", textB: "What is the best way to learn Swift?"),
            StoredRow(label: "0", textA: "Why is the sky \"blue\"?", textB: "How far is the moon?"),
        ])
    }

    func testMNLITrainAndDevFormats() throws {
        let train = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label\n"
            + "0\t31193\t31193n\tgovernment\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tConceptually cream skimming has two dimensions.\tProduct and geography are what make cream skimming work.\tneutral\tneutral\n"
        let dev = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n"
            + "0\t63735\t63735n\tfiction\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tThe new rights are nice enough\tEveryone really likes the newest benefits\tneutral\tentailment\tneutral\tneutral\tneutral\tneutral\n"
            + "1\t91383\t91383c\tgovernment\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tThis site includes a list.\tThe Government Executive articles housed on the website are not able to be searched.\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction\n"
        let trainRows = try GLUETable.rows(of: TextFile.utf8(Data(train.utf8), name: "train"), columns: .mnli)
        XCTAssertEqual(trainRows.map(\.label), ["neutral"])
        XCTAssertEqual(trainRows[0].textB, "Product and geography are what make cream skimming work.")
        let devRows = try GLUETable.rows(of: TextFile.utf8(Data(dev.utf8), name: "dev"), columns: .mnli)
        XCTAssertEqual(devRows.map(\.label), ["neutral", "contradiction"])
        XCTAssertEqual(devRows[1].textA, "This site includes a list.")
    }

    func testQNLIRealDevFile() throws {
        let data = try Data(contentsOf: Fixtures.sharedData("QNLI/dev.tsv"))
        let rows = try GLUETable.rows(of: TextFile.utf8(data, name: "QNLI/dev.tsv"), columns: .qnli)
        XCTAssertEqual(rows.count, 5463)
        XCTAssertEqual(rows.filter { $0.label == "entailment" }.count, 2702)
        XCTAssertEqual(rows[0].textA, "What came into force after the new constitution was herald?")
    }

    func testGLUEErrorsNameFileAndLine() {
        let header = "index\tsentence1\tsentence2\tlabel\n"
        let short = Fixtures.errorLine {
            _ = try GLUETable.rows(of: TextFile.utf8(Data((header + "0\ta\tb\tentailment\n1\ta\tnot_entailment\n").utf8), name: "RTE/dev.tsv"), columns: .rte)
        }
        XCTAssertEqual(short, "RTE/dev.tsv:3: malformed row: expected 4 tab-separated columns, found 3")
        let label = Fixtures.errorLine {
            _ = try GLUETable.rows(of: TextFile.utf8(Data((header + "0\ta\tb\tmaybe\n").utf8), name: "RTE/dev.tsv"), columns: .rte)
        }
        XCTAssertEqual(label, "RTE/dev.tsv:2: unknown label 'maybe'")
        let column = Fixtures.errorLine {
            _ = try GLUETable.rows(of: TextFile.utf8(Data("index\tsentence1\tlabel\n".utf8), name: "RTE/dev.tsv"), columns: .rte)
        }
        XCTAssertTrue(column.hasPrefix("RTE/dev.tsv:1: unexpected header: no column 'sentence2'"), column)
        var bytes = Data("sentence\tlabel\ngood film \t1\n".utf8)
        bytes.append(contentsOf: [0x62, 0xFF, 0x61, 0x64, 0x09, 0x30, 0x0A])
        let unreadable = Fixtures.errorLine {
            _ = try GLUETable.rows(of: TextFile.utf8(bytes, name: "SST-2/dev.tsv"), columns: .sst2)
        }
        XCTAssertEqual(unreadable, "SST-2/dev.tsv:3: bytes that are not valid UTF-8")
    }

    func testCRLFAndByteOrderMarkAreTolerated() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("sentence\tlabel\r\nfine \t1\r\n".utf8))
        let rows = try GLUETable.rows(of: TextFile.utf8(data, name: "x"), columns: .sst2)
        XCTAssertEqual(rows, [StoredRow(label: "1", textA: "fine ", textB: nil)])
    }

    func testANLIFormat() throws {
        let text = #"{"uid": "a1", "context": "The cat sat.\tOn a mat.", "hypothesis": "A cat sat.", "label": "e", "reason": ""}"#
            + "\n" + #"{"uid": "a2", "context": "Rain fell.", "hypothesis": "It was dry.", "label": "c", "model_label": "n"}"#
            + "\n\n" + #"{"uid": "a3", "context": "X.", "hypothesis": "Y.", "label": "n"}"# + "\n"
        let rows = try ANLIFormat.rows(of: Data(text.utf8), name: "R1/dev.jsonl")
        XCTAssertEqual(rows.map(\.label), ["entailment", "contradiction", "neutral"])
        XCTAssertEqual(rows[1], StoredRow(label: "contradiction", textA: "Rain fell.", textB: "It was dry."))
        let flattened = NormalisedTSV.encode(rows, isPair: true)
        let back = try NormalisedTSV.decode(flattened, name: "n", isPair: true)
        XCTAssertEqual(back[0].row.textA, "The cat sat. On a mat.")
        XCTAssertEqual(back.map(\.line), [2, 3, 4])
    }

    func testANLIErrorsNameTheLine() {
        let bad = #"{"context": "a", "hypothesis": "b", "label": "e"}"# + "\n" + #"{"context": "a", "label": "e"}"#
        XCTAssertEqual(Fixtures.errorLine { _ = try ANLIFormat.rows(of: Data(bad.utf8), name: "train.jsonl") },
                       "train.jsonl:2: malformed row: no string field 'hypothesis'")
        let label = #"{"context": "a", "hypothesis": "b", "label": "x"}"#
        XCTAssertEqual(Fixtures.errorLine { _ = try ANLIFormat.rows(of: Data(label.utf8), name: "train.jsonl") },
                       "train.jsonl:1: unknown label 'x'")
        XCTAssertEqual(Fixtures.errorLine { _ = try ANLIFormat.rows(of: Data("{oops\n".utf8), name: "train.jsonl") },
                       "train.jsonl:1: malformed row: not a JSON object")
    }

    /// GLUE's own MRPC train.tsv and dev.tsv (shared/data, byte-identical to a published copy)
    /// are what our split of the Microsoft sources must produce.
    func testMRPCSplitReproducesGLUEFilesByteForByte() throws {
        let split = try MRPCSplitter.glueTrainAndDev(
            source: Data(contentsOf: Fixtures.sharedData("MRPC/msr_paraphrase_train.txt")), sourceName: "train",
            devIDs: Data(contentsOf: Fixtures.sharedData("MRPC/mrpc_dev_ids.tsv")), devIDsName: "ids")
        XCTAssertEqual(split.train, try Data(contentsOf: Fixtures.sharedData("MRPC/train.tsv")))
        XCTAssertEqual(split.dev, try Data(contentsOf: Fixtures.sharedData("MRPC/dev.tsv")))
        XCTAssertEqual(Checksum.sha256Hex(split.train), MRPCDistribution.glueTrainSHA256)
        XCTAssertEqual(Checksum.sha256Hex(split.dev), MRPCDistribution.glueDevSHA256)
    }

    func testMRPCSourceRowWithMissingColumnNamesTheLine() {
        let source = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\ta\tb\n0\t3\t4\tc\n"
        let message = Fixtures.errorLine {
            _ = try MRPCSplitter.glueTrainAndDev(source: Data(source.utf8), sourceName: "msr_paraphrase_train.txt",
                                                 devIDs: Data("1\t2\n".utf8), devIDsName: "ids")
        }
        XCTAssertEqual(message, "msr_paraphrase_train.txt:3: malformed row: expected 5 tab-separated columns, found 4")
    }
}
