import Records
/// An accepted range for one cell's mean accuracy, in percent, both ends included.
public struct Band: Hashable, Sendable {
    /// The report column, e.g. `rte` or `anli-r1-test`.
    public let column: String
    /// The method, e.g. `ssmix`.
    public let method: String
    /// Lowest accepted mean, in percent.
    public let low: Double
    /// Highest accepted mean, in percent.
    public let high: Double
    /// How the range was derived (which runs, which rule).
    public let derived: String

    /// A band for `method` in `column`.
    public init(column: String, method: String, low: Double, high: Double, derived: String) {
        self.column = column
        self.method = method
        self.low = low
        self.high = high
        self.derived = derived
    }
}
