import FileSupport
import Foundation
import Records

/// The gnuplot program, run as a subprocess to draw charts.
public struct Gnuplot: Sendable {
    /// The gnuplot executable.
    public let executable: URL

    /// Uses the gnuplot at `executable`.
    public init(executable: URL) {
        self.executable = executable
    }

    /// Finds `gnuplot` on the search path.
    /// - Throws: `ChartError.gnuplotNotFound` when no directory of the path holds it.
    public static func locate(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) throws -> Gnuplot {
        guard let executable = ExecutableSearch.find("gnuplot", searchPath: searchPath) else { throw ChartError.gnuplotNotFound }
        return Gnuplot(executable: executable)
    }

    /// The PNG terminal to use: `pngcairo` (anti-aliased) when this gnuplot has it, else `png`.
    public func pngTerminal() -> String {
        do {
            try run(arguments: ["-e", "set terminal pngcairo"], in: FileManager.default.temporaryDirectory)
            return "pngcairo"
        } catch {
            return "png"
        }
    }

    /// Runs the script `scriptName` with `directory` as the working directory.
    /// - Throws: `ChartError.gnuplotFailed` with gnuplot's first error line.
    func runScript(named scriptName: String, in directory: URL) throws {
        try run(arguments: [scriptName], in: directory)
    }

    private func run(arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ChartError.gnuplotFailed(script: arguments.joined(separator: " "), message: "cannot start \(executable.path): \(error.localizedDescription)")
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: output, as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .last { !$0.isEmpty } ?? "exit status \(process.terminationStatus)"
            throw ChartError.gnuplotFailed(script: arguments.joined(separator: " "), message: message)
        }
    }
}

/// Why charts could not be drawn.
public enum ChartError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// gnuplot is not installed.
    case gnuplotNotFound
    /// gnuplot ran and failed.
    case gnuplotFailed(script: String, message: String)

    /// One line saying what failed and what to do.
    public var description: String {
        switch self {
        case .gnuplotNotFound:
            return "gnuplot was not found on PATH: install it (`make setup` or `apt-get install gnuplot`) or pass --no-charts"
        case .gnuplotFailed(let script, let message):
            return "gnuplot failed on \(script): \(message)"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}
