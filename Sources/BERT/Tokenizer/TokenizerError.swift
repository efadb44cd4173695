import Foundation

/// Why a WordPiece vocabulary could not be loaded. Each description is one line naming the file.
public enum TokenizerError: Error, CustomStringConvertible, LocalizedError {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// A line of the file is not valid UTF-8 (1-based line number).
    case notUTF8(file: String, line: Int)
    /// The file holds no tokens.
    case empty(file: String)
    /// A special token BERT needs is not in the vocabulary.
    case missingSpecialToken(file: String, token: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "cannot read vocabulary \(file): \(reason)"
        case .notUTF8(let file, let line):
            return "vocabulary \(file), line \(line): not valid UTF-8"
        case .empty(let file):
            return "vocabulary \(file) is empty"
        case .missingSpecialToken(let file, let token):
            return "vocabulary \(file) has no \(token) token; is it a BERT vocab.txt?"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}
