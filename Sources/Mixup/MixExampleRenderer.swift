import Foundation

/// Renders a mixed example as text for `--show-examples`: tokens separated by spaces, each run
/// of replaced tokens wrapped in `[[ … ]]`.
public enum MixExampleRenderer {
    /// Two lines: the target as it was, then the mixed row with its label weight, e.g.
    ///
    ///     target: [CLS] a gripping , funny film [SEP]
    ///     mixed (λ = 0.8000): [CLS] a [[ dull ]] , funny film [SEP]
    ///
    /// - Parameters:
    ///   - target: the example before mixing.
    ///   - mixed: the result of a mix of that target.
    ///   - token: the vocabulary string of a token id.
    public static func render(target: TokenRow, mixed: MixedRow, token: (Int32) -> String) -> String {
        let before = target.ids.map(token).joined(separator: " ")
        let after = markedTokens(mixed, token: token).joined(separator: " ")
        let weight = String(format: "%.4f", Double(mixed.lambda))
        return "target: \(before)\nmixed (λ = \(weight)): \(after)"
    }

    /// The mixed row's token strings with `[[` before and `]]` after each run of replaced positions.
    static func markedTokens(_ mixed: MixedRow, token: (Int32) -> String) -> [String] {
        let replaced = Set(mixed.replacedPositions)
        var pieces: [String] = []
        for (position, id) in mixed.row.ids.enumerated() {
            let isReplaced = replaced.contains(position)
            if isReplaced && !replaced.contains(position - 1) { pieces.append("[[") }
            pieces.append(token(id))
            if isReplaced && !replaced.contains(position + 1) { pieces.append("]]") }
        }
        return pieces
    }
}
