import ExperimentFixtures
import Foundation
import XCTest

/// Every subcommand's `--help`, rendered by the release binary: it exists, and its prose wraps as
/// paragraphs (no hard line break left inside a paragraph by a line that was too long to fit).
final class HelpTextTests: XCTestCase {
    /// Help is wrapped to 80 columns when stdout is not a terminal, a line ending a few columns
    /// early; one whose next word would have fit in 72 was broken by the text, not the wrapping.
    private let wrappedLineWidth = 72

    /// The names listed under SUBCOMMANDS in `help` output.
    private func subcommands(of help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }.filter { $0 != "See" }
    }

    /// Every command path: the subcommands and theirs.
    private func commandPaths() throws -> [[String]] {
        var paths: [[String]] = []
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let result = try CommandResult.run(["help"] + path)
            XCTAssertEqual(result.status, 0, "help \(path.joined(separator: " ")): \(result.stderr)")
            paths.append(path)
            pending += subcommands(of: result.stdout).map { path + [$0] }
        }
        return paths
    }

    func testEveryCommandsProseWrapsAsParagraphs() throws {
        let paths = try commandPaths()
        XCTAssertTrue(paths.contains(["train-mix"]) && paths.contains(["bench", "train"]), "\(paths)")
        for path in paths {
            let help = try CommandResult.run(path + ["--help"]).stdout
            let overview = help.components(separatedBy: "\nUSAGE:").first ?? ""
            let lines = overview.components(separatedBy: "\n")
            // A wrapped line ends where the next word no longer fits; a shorter line followed by
            // more of the same paragraph is a line break written into the text.
            for (line, next) in zip(lines, lines.dropFirst()) {
                let continues = !next.isEmpty && !next.hasPrefix(" ")
                let prose = !line.isEmpty && !line.hasPrefix(" ") && !line.hasSuffix(":")
                let nextWord = next.split(separator: " ").first?.count ?? 0
                XCTAssertFalse(prose && continues && line.count + 1 + nextWord <= wrappedLineWidth,
                               "ssmix-exp \(path.joined(separator: " ")) --help breaks a paragraph after “\(line)”")
            }
        }
    }

    func testTrainMixListsEveryMethod() throws {
        let help = try CommandResult.run(["train-mix", "--help"]).stdout
        for method in ["ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span", "embedmix", "tmix", "unk",
                       "wordmix", "senmix", "manifold"] {
            XCTAssertTrue(help.contains(method), "train-mix --help does not name \(method)")
        }
    }
}
