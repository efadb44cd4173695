import Foundation

/// Makes OpenBLAS use its fast kernels on CPUs it does not recognise.
///
/// OpenBLAS picks its kernels when the library loads. Debian's build recognises some recent Xeons
/// (e.g. Cooper Lake) but does not ship their kernels and falls back to the generic Prescott ones,
/// about 3× slower. Setting `OPENBLAS_CORETYPE` to the AVX-512 (SkylakeX) or AVX2 (Haswell) kernels
/// the CPU supports fixes that; as the variable is read at load time, the process re-executes
/// itself once with it set. An explicit `OPENBLAS_CORETYPE` in the environment is always respected.
public enum BLASKernelSelection {
    /// The kernel family the CPU supports, from /proc/cpuinfo's flags; nil when unknown.
    public static func preferredCoreType(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(cpuFlags.contains) { return "SKYLAKEX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "HASWELL" }
        return nil
    }

    /// Re-executes the current program with `OPENBLAS_CORETYPE` set, when it is unset and the CPU
    /// supports a known kernel family. Returns (does nothing) when no re-execution is needed or possible.
    public static func reexecuteIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let core = preferredCoreType(cpuFlags: Set(flagsLine.split(separator: " ").map(String.init)))
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
