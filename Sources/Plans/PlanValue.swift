import FileSupport
import Records
import Training
/// A setting's value in a plan's overrides (an integer, a number, a string or a flag).
public enum PlanValue: Hashable, Sendable, CustomStringConvertible {
    /// An integer, e.g. `epochs = 3`.
    case int(Int)
    /// A floating-point number, e.g. `lr = 5e-5`.
    case double(Double)
    /// A string, e.g. `protocol = "fixed"`.
    case string(String)
    /// A flag, e.g. `quiet = true`.
    case bool(Bool)

    /// The value as a command-line argument would spell it.
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .bool(let value): return String(value)
        }
    }

    /// The value as an integer, when it is one.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The value as a string, when it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as a number, when it is an integer or a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string, .bool: return nil
        }
    }
}
