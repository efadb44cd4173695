import Foundation

/// Why a safetensors file could not be read or written. Each description is one line naming
/// the file and, where one is concerned, the tensor.
public enum SafeTensorsError: Error, CustomStringConvertible, LocalizedError {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file is shorter than its 8-byte header length, or than the header it announces.
    case truncatedHeader(file: String, fileSize: Int, needed: UInt64)
    /// The header is not a JSON object of the documented shape.
    case malformedHeader(file: String, reason: String)
    /// One tensor's header entry is malformed or contradicts itself or the file.
    case badTensor(file: String, tensor: String, reason: String)
    /// No tensor of that name in the file.
    case missingTensor(file: String, tensor: String)
    /// The tensor's dtype cannot be read as the values asked for.
    case unsupportedDType(file: String, tensor: String, dtype: String, wanted: String)
    /// A tensor handed to the writer is inconsistent.
    case invalidTensorToWrite(file: String, tensor: String, reason: String)
    /// The file could not be written.
    case unwritable(file: String, reason: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "cannot read safetensors file \(file): \(reason)"
        case .truncatedHeader(let file, let fileSize, let needed):
            return "safetensors file \(file) is truncated: it has \(fileSize) bytes, its header needs \(needed)"
        case .malformedHeader(let file, let reason):
            return "safetensors file \(file): bad header: \(reason)"
        case .badTensor(let file, let tensor, let reason):
            return "safetensors file \(file), tensor '\(tensor)': \(reason)"
        case .missingTensor(let file, let tensor):
            return "safetensors file \(file) has no tensor '\(tensor)'"
        case .unsupportedDType(let file, let tensor, let dtype, let wanted):
            return "safetensors file \(file), tensor '\(tensor)': dtype \(dtype) cannot be read as \(wanted)"
        case .invalidTensorToWrite(let file, let tensor, let reason):
            return "cannot write \(file): tensor '\(tensor)': \(reason)"
        case .unwritable(let file, let reason):
            return "cannot write \(file): \(reason)"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}
