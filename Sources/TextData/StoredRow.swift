/// One example on its way into (or out of) the normalised files: the label exactly as the
/// source writes it ("0", "entailment", "DESC:manner") and the text or text pair.
struct StoredRow: Equatable {
    /// The label as written in the source (after ANLI's e/n/c are spelled out).
    var label: String
    /// The sentence, or the first sentence of a pair.
    var textA: String
    /// The second sentence of a pair; nil for single-sentence tasks.
    var textB: String?
}
