/// One classification example as the trainer sees it.
public struct LabeledExample: Equatable, Sendable {
    /// The sentence, or the first sentence of a pair.
    public var textA: String
    /// The second sentence of a pair; nil for single-sentence tasks.
    public var textB: String?
    /// The class id: an index into the task's `labelNames`.
    public var label: Int

    /// An example from its texts and class id.
    public init(textA: String, textB: String? = nil, label: Int) {
        self.textA = textA
        self.textB = textB
        self.label = label
    }
}
