import Foundation

/// A problem in a TOML input file (an experiment plan or a band file), naming the file and
/// the key (or line) at fault.
public struct ConfigFileError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The file read.
    public let path: String
    /// Where in the file: a key such as `seeds` or `overrides.normal.lr`, or `line 4`.
    public let location: String
    /// What is wrong.
    public let problem: String

    public init(path: String, location: String, problem: String) {
        self.path = path
        self.location = location
        self.problem = problem
    }

    /// One line: `file: key: problem`.
    public var description: String { "\(path): \(location): \(problem)" }
    /// Same as `description`.
    public var errorDescription: String? { description }
}
