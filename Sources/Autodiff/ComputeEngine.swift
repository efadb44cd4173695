import CBLAS
import CDNNL

/// What, besides a run's configuration, decides the values it computes: the engine's numerics
/// version and the product kernels this CPU gets. Runs record it, so that a rerun under another
/// engine that gives other results is told apart from a rerun that should have repeated a run
/// exactly and did not.
public enum ComputeEngine {
    /// Raised by every change that alters computed values (kernels, summation order, approximations).
    /// 1 (not recorded): OpenBLAS products, scalar GELU, softmax and LayerNorm.
    /// 2: large products on oneDNN, GELU, exponentials and row sums in 16 lanes.
    public static let numericsVersion = 2

    /// e.g. `numerics 2; oneDNN 2.6.3 avx512_core; OpenBLAS SkylakeX`.
    public static let identity: String = {
        let version = dnnl_version().pointee
        let oneDNN = "oneDNN \(version.major).\(version.minor).\(version.patch) \(isaName(dnnl_get_effective_cpu_isa()))"
        let openBLAS = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "numerics \(numericsVersion); \(oneDNN); OpenBLAS \(openBLAS)"
    }()

    private static func isaName(_ isa: dnnl_cpu_isa_t) -> String {
        let names: [dnnl_cpu_isa_t: String] = [
            dnnl_cpu_isa_sse41: "sse41", dnnl_cpu_isa_avx: "avx", dnnl_cpu_isa_avx2: "avx2",
            dnnl_cpu_isa_avx2_vnni: "avx2_vnni", dnnl_cpu_isa_avx512_core: "avx512_core",
            dnnl_cpu_isa_avx512_core_vnni: "avx512_core_vnni", dnnl_cpu_isa_avx512_core_bf16: "avx512_core_bf16",
            dnnl_cpu_isa_avx512_core_amx: "avx512_core_amx",
        ]
        return names[isa] ?? "isa \(isa.rawValue)"
    }
}
