import Foundation
import TestSupport
import XCTest
@testable import BERT

/// `JSONLinesTokenizer` directly, and `ssmix-exp tokenize` through the release binary.
final class TokenizeCommandTests: XCTestCase {
    private let input = [
        #"{"text_a": "How old are you?", "text_b": "I am 6 years old."}"#,
        "this is {not json",
        "",
        #"{"text_a": "Café déjà vu [MASK]", "text_b": null, "label": 3}"#,
        #"{"text_b": "no first segment"}"#,
        #"{"text_a": "a", "text_b": ""}"#,
        #"["text_a"]"#,
    ]

    private func expectedOutput(_ tokenizer: BertTokenizer) throws -> [TokenizedText] {
        [tokenizer.encode("How old are you?", "I am 6 years old."),
         tokenizer.encode("Café déjà vu [MASK]", nil),
         tokenizer.encode("a", "")]
    }

    func testLibraryReportsBadLinesByNumberAndCarriesOn() throws {
        let tokenizer = try BertTokenizer(vocabularyFile: TestPaths.model("vocab.txt"))
        var remaining = input[...]
        var emitted: [String] = []
        var reported: [String] = []
        let bad = JSONLinesTokenizer(tokenizer: tokenizer, maxLength: 128).run(
            nextLine: { remaining.popFirst() }, emit: { emitted.append($0) }, report: { reported.append($0.description) })
        XCTAssertEqual(bad, 3)
        XCTAssertEqual(reported, ["input line 2: not valid JSON",
                                  "input line 5: \"text_a\" is missing or not a string",
                                  "input line 7: expected a JSON object with \"text_a\""])
        let decoded = try emitted.map { try JSONDecoder().decode(TokenizedText.self, from: Data($0.utf8)) }
        XCTAssertEqual(decoded, try expectedOutput(tokenizer))
        XCTAssertTrue(emitted[0].hasPrefix(#"{"input_ids":[101,2129,2214,"#), emitted[0])
    }

    func testBinaryTokenizesStdinAndNamesGarbageLines() throws {
        let binary = TestPaths.binary
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw GoldenFormatError(description: "\(binary.path) is missing: run `swift build -c release -Xswiftc -enable-testing` first")
        }
        let vocab = try TestPaths.model("vocab.txt")
        let result = try run(binary, ["tokenize", "--vocab", vocab.path, "--max-length", "128"],
                             stdin: input.joined(separator: "\n") + "\n")
        XCTAssertNotEqual(result.status, 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let decoded = try lines.map { try JSONDecoder().decode(TokenizedText.self, from: Data($0.utf8)) }
        XCTAssertEqual(decoded, try expectedOutput(BertTokenizer(vocabularyFile: vocab)))
        XCTAssertTrue(result.stderr.contains("input line 2: not valid JSON"), result.stderr)
        XCTAssertTrue(result.stderr.contains("input line 5:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("input line 7:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("3 input lines were not tokenised"), result.stderr)
    }

    func testBinaryRejectsBadOptionsWithOneLine() throws {
        let tooShort = try run(TestPaths.binary, ["tokenize", "--max-length", "2"], stdin: "")
        XCTAssertNotEqual(tooShort.status, 0)
        XCTAssertTrue(tooShort.stderr.contains("--max-length must be at least 3"), tooShort.stderr)
        let noVocab = try run(TestPaths.binary, ["tokenize", "--vocab", "/nonexistent/vocab.txt"], stdin: "")
        XCTAssertNotEqual(noVocab.status, 0)
        XCTAssertTrue(noVocab.stderr.hasPrefix("Error: cannot read vocabulary /nonexistent/vocab.txt"), noVocab.stderr)
    }

    private func run(_ binary: URL, _ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = TestPaths.repoRoot
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
