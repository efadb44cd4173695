import CDNNL

/// The number format of the dense layers' matrix products. Everything else (activations, attention,
/// LayerNorm, softmax, gradients, the master weights and the optimizer) stays fp32 in both.
public enum Precision: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    /// fp32 products on OpenBLAS: the default, the one the golden references and the training
    /// trace are checked against.
    case fp32
    /// bf16 inputs (rounded to nearest even) with fp32 accumulation and fp32 outputs, on oneDNN's
    /// AVX512-BF16 (or AMX) kernels: the dense layers' forward product and both gradient products.
    /// Needs a CPU with AVX512-BF16 (``checkSupported(cpuFlags:)``).
    case bf16

    public var description: String { rawValue }

    /// Throws ``PrecisionError/unsupported(_:reason:)`` when this CPU cannot run `self`'s products
    /// on kernels of their own: bf16 needs AVX512-BF16 in the CPU's flags and a oneDNN kernel for it
    /// (its reference kernel would run far slower than fp32).
    public func checkSupported(cpuFlags: Set<String> = ComputeEnvironment.cpuFlags()) throws {
        guard self == .bf16 else { return }
        guard cpuFlags.contains("avx512_bf16") || cpuFlags.contains("amx_bf16") else {
            throw PrecisionError.unsupported(self, reason: "this CPU has neither AVX512-BF16 nor AMX (flags in /proc/cpuinfo)")
        }
        guard let kernel = BF16Matmul.shared?.kernelName, !kernel.contains("ref") else {
            throw PrecisionError.unsupported(self, reason: "oneDNN has no bf16 matrix-product kernel for this CPU")
        }
    }
}

/// Why a precision cannot be used here.
public enum PrecisionError: Error, CustomStringConvertible, Equatable {
    case unsupported(Precision, reason: String)

    public var description: String {
        switch self {
        case .unsupported(let precision, let reason):
            "--precision \(precision) is not available: \(reason). Use --precision fp32."
        }
    }
}
