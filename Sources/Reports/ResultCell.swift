import Records
/// One cell of a result table: our accuracy over seeds for one method and column, beside the paper's.
///
/// All numbers are percentages.
public struct ResultCell: Equatable, Sendable {
    /// The row's method.
    public let method: String
    /// The column's name, e.g. `rte` or `anli-r2-test`.
    public let column: String
    /// The seeds counted, ascending.
    public let seeds: [Int]
    /// The configuration hashes of the runs counted, in seed order (`ssmix-exp runs --cell` lists them).
    public let runHashes: [String]
    /// How many of the counted runs trained on a capped subset (smoke runs, not a reproduction).
    public let cappedCount: Int
    /// Mean and sample standard deviation over the seeds.
    public let statistics: SampleStatistics
    /// The statistic the table shows: the mean, or the standard deviation in Table A.1.
    public let ours: Double?
    /// The paper's value for the same cell.
    public let paper: Double?
    /// True when this is the best mean in its column (Tables 2 and B.1 only).
    public internal(set) var isBest: Bool

    /// How many seeds were counted.
    public var count: Int { statistics.count }

    /// True when any counted run trained on a capped subset.
    public var isCapped: Bool { cappedCount > 0 }

    /// True when no finished run fills the cell.
    public var isMissing: Bool { statistics.count == 0 }

    /// Ours minus the paper's, when both exist.
    public var delta: Double? {
        guard let ours, let paper else { return nil }
        return ours - paper
    }
}
