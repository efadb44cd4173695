import Records
/// Mean and sample standard deviation (n − 1 in the denominator) of a few values.
public struct SampleStatistics: Equatable, Sendable {
    /// How many values.
    public let count: Int
    /// Their mean; nil when there are none.
    public let mean: Double?
    /// Their sample standard deviation; nil when there are fewer than two.
    public let standardDeviation: Double?

    /// Summarises `values`.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = nil
            standardDeviation = nil
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        guard values.count > 1 else {
            standardDeviation = nil
            return
        }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
    }
}
