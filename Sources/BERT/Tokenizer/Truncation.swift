/// Longest-first truncation of a pair of segments, as HuggingFace's slow tokenizer does it:
/// tokens come off the end of the currently longer segment one at a time, and on a tie off
/// the second segment.
enum Truncation {
    /// The lengths to keep of segments of `lengthA` and `lengthB` tokens so that together they
    /// fit in `budget` tokens (closed form of the one-at-a-time rule).
    static func longestFirst(lengthA: Int, lengthB: Int, budget: Int) -> (a: Int, b: Int) {
        let excess = lengthA + lengthB - max(budget, 0)
        guard excess > 0 else { return (lengthA, lengthB) }
        let evenUp = min(abs(lengthA - lengthB), excess)
        let rest = excess - evenUp
        if lengthA > lengthB {
            return (lengthA - evenUp - rest / 2, lengthB - (rest + 1) / 2)
        }
        return (lengthA - rest / 2, lengthB - evenUp - (rest + 1) / 2)
    }
}
