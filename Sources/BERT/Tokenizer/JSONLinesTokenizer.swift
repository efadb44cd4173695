import Foundation

/// A problem with the JSON Lines input of `ssmix-exp tokenize`.
public enum TokenizeInputError: Error, CustomStringConvertible, LocalizedError {
    /// One input line (1-based) that could not be tokenised, and why.
    case badLine(line: Int, reason: String)
    /// The summary after processing: how many lines were bad.
    case badLines(count: Int)

    /// The one-line message.
    public var description: String {
        switch self {
        case .badLine(let line, let reason):
            return "input line \(line): \(reason)"
        case .badLines(let count):
            return "\(count) input line\(count == 1 ? " was" : "s were") not tokenised (see the messages above)"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}

/// Tokenises JSON Lines: each input line is an object with a string `text_a` and an optional
/// `text_b` (string or null; other fields are ignored); each output line is the object
/// `{"input_ids": […], "token_type_ids": […], "tokens": […]}`. Blank lines are skipped.
public struct JSONLinesTokenizer {
    /// The tokenizer used for every line.
    public let tokenizer: BertTokenizer
    /// The longest encoding, special tokens included.
    public let maxLength: Int
    private let encoder: JSONEncoder

    /// A JSON Lines front end to `tokenizer`, truncating to `maxLength`.
    public init(tokenizer: BertTokenizer, maxLength: Int) {
        self.tokenizer = tokenizer
        self.maxLength = maxLength
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// The output line for one input line, or nil for a blank line.
    /// Throws `TokenizeInputError.badLine` naming `lineNumber` when the line is not valid input.
    public func outputLine(for line: String, lineNumber: Int) throws -> String? {
        guard let (textA, textB) = try Self.textPair(from: line, lineNumber: lineNumber) else { return nil }
        let encoded = tokenizer.encode(textA, textB, maxLength: maxLength)
        guard let json = try? encoder.encode(encoded) else {
            throw TokenizeInputError.badLine(line: lineNumber, reason: "the encoding could not be written as JSON")
        }
        return String(decoding: json, as: UTF8.self)
    }

    /// The `text_a` and optional `text_b` of one input line, or nil for a blank line.
    /// Throws `TokenizeInputError.badLine` naming `lineNumber` when the line is not valid input.
    public static func textPair(from line: String, lineNumber: Int) throws -> (a: String, b: String?)? {
        guard line.contains(where: { !$0.isWhitespace }) else { return nil }
        func bad(_ reason: String) -> TokenizeInputError { .badLine(line: lineNumber, reason: reason) }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed)
        } catch {
            throw bad("not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw bad("expected a JSON object with \"text_a\"") }
        guard let textA = object["text_a"] as? String else { throw bad("\"text_a\" is missing or not a string") }
        switch object["text_b"] {
        case nil, is NSNull: return (textA, nil)
        case let text as String: return (textA, text)
        default: throw bad("\"text_b\" must be a string or null")
        }
    }

    /// Reads lines from `nextLine` until it returns nil, hands each output line to `emit` and
    /// each bad line's error to `report`, and carries on after bad lines.
    /// Returns the number of bad lines.
    public func run(nextLine: () -> String?, emit: (String) -> Void, report: (TokenizeInputError) -> Void) -> Int {
        var lineNumber = 0
        var badLines = 0
        while let line = nextLine() {
            lineNumber += 1
            do {
                if let output = try outputLine(for: line, lineNumber: lineNumber) { emit(output) }
            } catch let error as TokenizeInputError {
                badLines += 1
                report(error)
            } catch {
                badLines += 1
                report(.badLine(line: lineNumber, reason: String(describing: error)))
            }
        }
        return badLines
    }
}
