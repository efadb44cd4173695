import ArgumentParser
import BERT
import Foundation

/// `ssmix-exp tokenize`: BERT-tokenises JSON Lines from stdin, to inspect or compare tokenisation.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenise JSON Lines from stdin with the BERT WordPiece tokenizer.",
        discussion: """
        Each input line is a JSON object with "text_a" and, for sentence pairs, "text_b" \
        (other fields are ignored, blank lines skipped). Each output line holds "input_ids", \
        "token_type_ids" and "tokens" of [CLS] a [SEP] (b [SEP]), truncated longest-first.

        A line that is not such an object is reported on stderr with its line number and \
        skipped; the other lines are still tokenised, and the command then exits non-zero.

        Example:
          echo '{"text_a": "Who are you?", "text_b": "Me."}' | ssmix-exp tokenize
        """
    )

    @Option(help: "WordPiece vocabulary (one token per line), e.g. a HuggingFace model's vocab.txt.")
    var vocab: String = "models/all-MiniLM-L6-v2/vocab.txt"

    @Option(help: "Longest encoding in tokens, [CLS] and [SEP] included (at least 3).")
    var maxLength: Int = 128

    func validate() throws {
        guard maxLength >= 3 else {
            throw ValidationError("--max-length must be at least 3 (room for [CLS] and two [SEP]); got \(maxLength)")
        }
    }

    func run() throws {
        let tokenizer = try BertTokenizer(vocabularyFile: URL(fileURLWithPath: vocab))
        let lines = JSONLinesTokenizer(tokenizer: tokenizer, maxLength: maxLength)
        let badLines = lines.run(
            nextLine: { readLine(strippingNewline: true) },
            emit: { print($0) },
            report: { FileHandle.standardError.write(Data("Error: \($0)\n".utf8)) }
        )
        guard badLines == 0 else { throw TokenizeInputError.badLines(count: badLines) }
    }
}
