import Foundation
import Records

/// What a report says above its table: which models, protocol and seeds the numbers come from, and when.
public struct ReportHeader: Equatable, Sendable {
    /// Model names of the counted runs, sorted; empty when none.
    public let models: [String]
    /// The protocol counted (`paper` or `fixed`).
    public let protocolName: String
    /// The product precision counted; shown when it is not the default fp32.
    public let precision: String
    /// Seeds of the counted runs, ascending; empty when none.
    public let seeds: [Int]
    /// The report date, `yyyy-MM-dd` in UTC.
    public let date: String
    /// How many counted runs trained on a capped subset, and the largest cap among them.
    public let cappedRuns: Int
    public let largestCap: Int?

    /// Describes the counted runs, dated `date`.
    public init(runs: [RecordedRun], protocolName: String, precision: String = "fp32", date: Date) {
        models = Set(runs.map(\.record.modelName)).sorted()
        seeds = Set(runs.map(\.record.seed)).sorted()
        cappedRuns = runs.filter(\.isCapped).count
        largestCap = runs.compactMap(\.trainExampleCap).max()
        self.protocolName = protocolName
        self.precision = precision
        self.date = Self.dayFormatter.string(from: date)
    }

    /// One line: `Model: … · Protocol: … · Seeds: … · Date: …` (`· Precision: bf16` after the
    /// protocol for bf16 runs).
    public var line: String {
        let modelText = models.isEmpty ? "none yet" : models.joined(separator: ", ")
        let seedText = seeds.isEmpty ? "none yet" : seeds.map(String.init).joined(separator: ", ")
        let precisionText = precision == "fp32" ? "" : " · Precision: \(precision)"
        return "Model: \(modelText) · Protocol: \(protocolName)\(precisionText) · Seeds: \(seedText) · Date: \(date)"
    }

    /// A warning when capped runs fill some cells: those numbers are not a reproduction.
    public var cappedWarning: String? {
        guard cappedRuns > 0, let largestCap else { return nil }
        return "**Not a reproduction:** \(cappedRuns) of the counted runs trained on at most \(largestCap) examples "
            + "(a smoke plan); their cells are marked † and read as a check that the pipeline runs, not as results."
    }

    private static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
