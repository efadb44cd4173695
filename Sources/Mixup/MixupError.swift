import Foundation

/// A mixing request that cannot be carried out.
public enum MixupError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// A saliency vector is shorter than the part of the row it must score.
    case saliencyTooShort(which: String, values: Int, tokensNeeded: Int)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case let .saliencyTooShort(which, values, tokensNeeded):
            return "saliency of the \(which) has \(values) values but \(tokensNeeded) tokens need one each"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}
