import Foundation

/// Everything that can go wrong while fetching, converting or reading benchmark data.
///
/// Each case prints as one line that names the file (and line, where there is one), so the
/// command line shows `Error: <line>` and nothing else.
public enum DataError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A row of a data file does not have the expected shape (columns, JSON keys, label).
    case malformedRow(file: String, line: Int, reason: String)
    /// A row carries a label that is not in the task's label set.
    case unknownLabel(file: String, line: Int, label: String)
    /// A line holds bytes that are not valid UTF-8.
    case unreadableBytes(file: String, line: Int)
    /// A file's header is not the one its format requires.
    case badHeader(file: String, reason: String)
    /// A file's sha256 differs from the published one.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// A download returned an HTML page (an error or login page) instead of the data file.
    case htmlInsteadOfData(file: String)
    /// A converted file has a different number of rows than the published split.
    case rowCountMismatch(file: String, expected: Int, actual: Int)
    /// A file could not be fetched: missing from the mirror, HTTP error, network failure, cut short.
    case fetchFailed(source: String, reason: String)
    /// A zip archive could not be opened or lacks an expected entry.
    case archiveProblem(file: String, reason: String)
    /// A split the trainer asked for has not been downloaded yet.
    case missingData(file: String, fix: String)
    /// A split name that the task does not have.
    case unknownSplit(task: String, split: String, known: [String])
    /// A task or download group name that does not exist.
    case unknownTask(name: String, known: [String])
    /// A file could not be read or written.
    case io(file: String, reason: String)

    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case let .malformedRow(file, line, reason):
            return "\(file):\(line): malformed row: \(reason)"
        case let .unknownLabel(file, line, label):
            return "\(file):\(line): unknown label '\(label)'"
        case let .unreadableBytes(file, line):
            return "\(file):\(line): bytes that are not valid UTF-8"
        case let .badHeader(file, reason):
            return "\(file):1: unexpected header: \(reason)"
        case let .checksumMismatch(file, expected, actual):
            return "\(file): sha256 mismatch (expected \(expected), got \(actual)); the file is corrupt or not the published one"
        case let .htmlInsteadOfData(file):
            return "\(file): received an HTML page instead of the data file (an error or login page?)"
        case let .rowCountMismatch(file, expected, actual):
            return "\(file): expected \(expected) rows, found \(actual)"
        case let .fetchFailed(source, reason):
            return "could not fetch \(source): \(reason)"
        case let .archiveProblem(file, reason):
            return "\(file): \(reason)"
        case let .missingData(file, fix):
            return "\(file) is missing; run `\(fix)`"
        case let .unknownSplit(task, split, known):
            return "task \(task) has no split '\(split)' (it has: \(known.joined(separator: ", ")))"
        case let .unknownTask(name, known):
            return "unknown task '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .io(file, reason):
            return "\(file): \(reason)"
        }
    }

    /// Same as `description`, for `LocalizedError` consumers.
    public var errorDescription: String? { description }
}
