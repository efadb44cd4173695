import Foundation
import Records

/// Where a run happened: the git commit of the working tree and the host name.
public enum Provenance {
    /// `git rev-parse HEAD` in the current directory, with `-dirty` when the tree has changes;
    /// `unknown` outside a git checkout.
    public static func gitCommit() -> String {
        guard let head = git(["rev-parse", "HEAD"]), !head.isEmpty else { return "unknown" }
        let dirty = (git(["status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty ? "" : "-dirty"
        return head + dirty
    }

    /// This machine's name.
    public static var host: String { ProcessInfo.processInfo.hostName }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
