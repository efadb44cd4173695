import Foundation

/// The environment every process that computes runs under: the CLI and the test suite alike.
///
/// Two settings are read once, when a process starts, so they travel as environment variables:
/// - `OPENBLAS_CORETYPE`: Debian's OpenBLAS recognises some recent Xeons (e.g. Cooper Lake) but does
///   not ship their kernels and falls back to the generic Prescott ones, about 3× slower. The AVX-512
///   (SkylakeX) or AVX2 (Haswell) kernels the CPU supports are selected instead.
/// - `OMP_NUM_THREADS`, the thread count of oneDNN (the bf16 products), follows
///   `OPENBLAS_NUM_THREADS` (the compute thread count) where that is set: a pool worker given one
///   core must not start two oneDNN threads.
/// - `OMP_WAIT_POLICY=passive`: oneDNN's idle OpenMP threads sleep instead of spinning, so the
///   elementwise work between products has the cores (eval batch 256 × 32: 0.83–0.86 s against
///   0.95–0.98 s spinning).
/// - `GLIBC_TUNABLES` with `glibc.malloc.mmap_max=0` and a maximal `trim_threshold`: a training step
///   allocates and frees the same large buffers every step; by default glibc serves them with fresh
///   mappings and unmaps them on free, so every step page-faults and the kernel zeroes the pages
///   again (over 40% of a batch-32 × 128 step). With mmap and trimming off, freed blocks stay in the
///   heap and the next step reuses them.
///
/// `ssmix-exp` re-executes itself once with the missing variables set; `make test` runs the tests
/// under ``variables(environment:cpuFlags:)`` as `ssmix-exp environment` prints them. A value the
/// user set is always kept.
public enum ComputeEnvironment {
    /// The glibc tunables that keep freed memory for reuse.
    public static let allocatorTunables = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647"

    /// The kernel family the CPU supports, from /proc/cpuinfo's flags; nil when unknown.
    public static func preferredCoreType(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(cpuFlags.contains) { return "SKYLAKEX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "HASWELL" }
        return nil
    }

    /// This CPU's flags from /proc/cpuinfo (empty where it cannot be read).
    public static func cpuFlags() -> Set<String> {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
        return Set(line.split(separator: " ").map(String.init))
    }

    /// The variables a computing process needs, given its `environment`: a value already there is
    /// kept as it is.
    public static func variables(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 cpuFlags: Set<String> = cpuFlags()) -> [String: String] {
        var wanted = ["GLIBC_TUNABLES": allocatorTunables]
        if let core = preferredCoreType(cpuFlags: cpuFlags) { wanted["OPENBLAS_CORETYPE"] = core }
        wanted["OMP_WAIT_POLICY"] = "passive"
        if let threads = environment["OPENBLAS_NUM_THREADS"] { wanted["OMP_NUM_THREADS"] = threads }
        return wanted.merging(environment.filter { wanted[$0.key] != nil }) { _, given in given }
    }

    /// The needed variables that `environment` lacks.
    public static func missing(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        variables(environment: environment).filter { environment[$0.key] == nil }
    }

    /// Re-executes the current program with the missing variables set; returns (does nothing) when
    /// none is missing or the program cannot be re-executed.
    public static func reexecuteIfNeeded() {
        let missing = missing()
        guard !missing.isEmpty else { return }
        for (name, value) in missing { setenv(name, value, 1) }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
