/// The element types this project reads from safetensors files (it writes only `F32`).
public enum SafeTensorsDType: String, Sendable {
    /// IEEE 754 binary32.
    case F32
    /// IEEE 754 binary16.
    case F16
    /// bfloat16: the upper half of a binary32.
    case BF16
    /// Signed 64-bit integer.
    case I64

    /// Bytes per element of every dtype the safetensors format defines, so that the sizes of
    /// tensors this project does not read can still be checked.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]
}
