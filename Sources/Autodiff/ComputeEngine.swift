import CBLAS

/// What, besides a run's configuration, decides the values it computes: the engine's numerics
/// version and the OpenBLAS kernels this CPU gets. Runs record it, so that a rerun under another
/// engine that gives other results is told apart from a rerun that should have repeated a run
/// exactly and did not.
public enum ComputeEngine {
    /// Raised by every change that alters computed values (kernels, summation order, approximations).
    /// 1 (not recorded): products on OpenBLAS's own threads, scalar GELU, softmax and LayerNorm.
    /// 2: large products split between threads, dense layers' bias inside the product, GELU,
    /// exponentials and row sums in 16 lanes.
    /// 3: the gradient norm summed in 16 lanes over fixed blocks (the clipping factor of the fixed
    /// protocol; the paper protocol's values are those of 2).
    public static let numericsVersion = 3

    /// e.g. `numerics 3; OpenBLAS SkylakeX`: the engine of fp32 runs.
    public static let identity: String = {
        let openBLAS = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "numerics \(numericsVersion); OpenBLAS \(openBLAS)"
    }()

    /// The engine of runs whose dense layers' products are in `precision`: ``identity`` for fp32;
    /// for bf16 it names oneDNN's kernel as well, e.g. `numerics 3; OpenBLAS SkylakeX; bf16 oneDNN
    /// brg:avx512_core_bf16`.
    public static func identity(precision: Precision) -> String {
        switch precision {
        case .fp32: identity
        case .bf16: "\(identity); bf16 oneDNN \(BF16Matmul.shared?.kernelName ?? "none")"
        }
    }
}
