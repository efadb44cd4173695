import Foundation
import TestSupport

/// What one run of the release binary printed, and how it exited.
public struct CommandResult {
    /// The exit status.
    public let status: Int32
    /// Everything written to stdout.
    public let stdout: String
    /// Everything written to stderr.
    public let stderr: String

    /// Runs `ssmix-exp` with `arguments` from `workingDirectory` (default: the repository root).
    public static func run(_ arguments: [String], in workingDirectory: URL = TestPaths.repoRoot) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: TestPaths.binary.path) else {
            throw MissingBinary(path: TestPaths.binary.path)
        }
        let directory = try FixtureDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: try String(contentsOf: outURL, encoding: .utf8),
                             stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// The release binary the command tests run is not built.
public struct MissingBinary: Error, CustomStringConvertible {
    /// Where the binary should be.
    public let path: String
    /// What to do.
    public var description: String { "\(path) is missing: run `swift build -c release -Xswiftc -enable-testing` first" }
}
