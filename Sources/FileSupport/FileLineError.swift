import Foundation

/// A problem in a text file read line by line (the results ledger, the paper's tables): one line,
/// `file:line: problem`, or `file: problem` when it is not on one line.
public struct FileLineError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The file read.
    public let path: String
    /// The 1-based line, when the problem is on one.
    public let line: Int?
    /// What is wrong.
    public let problem: String

    public init(path: String, line: Int?, problem: String) {
        self.path = path; self.line = line; self.problem = problem
    }

    /// `file:line: problem`.
    public var description: String {
        if let line { return "\(path):\(line): \(problem)" }
        return "\(path): \(problem)"
    }
    /// Same as `description`.
    public var errorDescription: String? { description }
}
