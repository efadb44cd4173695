import Foundation

/// Finds external programs (gnuplot, sbatch, squeue, sacct) the way a shell does.
public enum ExecutableSearch {
    /// The first executable file called `name` in the folders of `searchPath` (`PATH` by
    /// default), in order; nil when none is.
    public static func find(_ name: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for folder in (searchPath ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
