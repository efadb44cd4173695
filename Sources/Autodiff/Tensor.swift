/// A dense Float32 tensor: a shape and contiguous row-major values.
///
/// Tensors are reference types so that the tape can hand gradients back to the tensors an op read.
/// A tensor either is a leaf (inputs, parameters) or was produced by an op on a ``Tape``; the
/// tape accumulates into ``grad`` only for tensors that need a gradient.
public final class Tensor {
    /// The extent of each axis, outermost first.
    public let shape: [Int]
    /// The values, row-major and contiguous (`values.count == shape.product`).
    public internal(set) var values: [Float]
    /// The gradient of the tape's loss with respect to this tensor, once backward reached it.
    public internal(set) var grad: [Float]?
    /// Whether backward should produce ``grad`` for this tensor.
    public let requiresGrad: Bool
    /// Parameters need a gradient only while the tape computes parameter gradients.
    public let isParameter: Bool
    /// Whether backward keeps ``grad`` of this op result once it has been passed on to the op's
    /// inputs. Leaves (inputs, parameters) always keep theirs; intermediate results drop theirs to
    /// save memory unless this is set before backward.
    public var retainsGrad = false

    /// A tensor holding `values` in the given shape.
    /// - Throws: ``TensorError/countMismatch`` when `values.count` is not the product of `shape`.
    public convenience init(shape: [Int], values: [Float], requiresGrad: Bool = false) throws {
        guard shape.allSatisfy({ $0 >= 0 }), values.count == shape.product else {
            throw TensorError.countMismatch(shape: shape, count: values.count)
        }
        self.init(unchecked: shape, values: values, requiresGrad: requiresGrad)
    }

    init(unchecked shape: [Int], values: [Float], requiresGrad: Bool = false, isParameter: Bool = false) {
        self.shape = shape
        self.values = values
        self.requiresGrad = requiresGrad
        self.isParameter = isParameter
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(unchecked: shape, values: [Float](repeating: 0, count: shape.product), requiresGrad: requiresGrad)
    }

    /// A scalar (shape `[1]`).
    public static func scalar(_ value: Float) -> Tensor { Tensor(unchecked: [1], values: [value]) }

    /// Number of elements.
    public var count: Int { values.count }

    /// The value of a one-element tensor.
    public var scalarValue: Float { values[0] }

    /// A copy of this tensor's values that is a new leaf (no history), optionally asking for a gradient.
    /// Used to take gradients with respect to an intermediate result (e.g. the embedding output).
    public func detached(requiresGrad: Bool = false) -> Tensor {
        Tensor(unchecked: shape, values: values, requiresGrad: requiresGrad)
    }

    /// Adds `delta` into the gradient, allocating it (zeros) on first use.
    func accumulateGrad(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        if grad == nil { grad = [Float](repeating: 0, count: count) }
        grad!.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Adds `delta` (same count) into the gradient; when there is none yet, `delta` becomes the
    /// gradient without a copy (the arrays share storage until one is written).
    func accumulateGrad(adding delta: [Float]) {
        if grad == nil { grad = delta; return }
        grad!.withUnsafeMutableBufferPointer { d in
            delta.withUnsafeBufferPointer { pd in for i in 0..<d.count { d[i] += pd[i] } }
        }
    }

    /// Forgets the gradient.
    public func zeroGrad() { grad = nil }
}

extension Collection where Element == Int {
    /// The product of the elements (1 for an empty collection).
    public var product: Int { reduce(1, *) }
}

/// Shape and argument errors of tensor operations.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case countMismatch(shape: [Int], count: Int)
    case shapeMismatch(op: String, expected: String, got: [Int])
    case invalidArgument(op: String, message: String)

    public var description: String {
        switch self {
        case let .countMismatch(shape, count):
            return "tensor shape \(shape) needs \(shape.product) values, got \(count)"
        case let .shapeMismatch(op, expected, got):
            return "\(op): expected shape \(expected), got \(got)"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        }
    }
}
