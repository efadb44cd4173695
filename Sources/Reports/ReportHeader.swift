import Foundation
import Records

/// What a report says above its table: which models, protocol and seeds the numbers come from, and when.
public struct ReportHeader: Equatable, Sendable {
    /// Model names of the counted runs, sorted; empty when none.
    public let models: [String]
    /// The protocol counted (`paper` or `fixed`).
    public let protocolName: String
    /// Seeds of the counted runs, ascending; empty when none.
    public let seeds: [Int]
    /// The report date, `yyyy-MM-dd` in UTC.
    public let date: String

    /// Describes the counted runs, dated `date`.
    public init(runs: [RunRecord], protocolName: String, date: Date) {
        models = Set(runs.map(\.modelName)).sorted()
        seeds = Set(runs.map(\.seed)).sorted()
        self.protocolName = protocolName
        self.date = Self.dayFormatter.string(from: date)
    }

    /// One line: `Model: … · Protocol: … · Seeds: … · Date: …`.
    public var line: String {
        let modelText = models.isEmpty ? "none yet" : models.joined(separator: ", ")
        let seedText = seeds.isEmpty ? "none yet" : seeds.map(String.init).joined(separator: ", ")
        return "Model: \(modelText) · Protocol: \(protocolName) · Seeds: \(seedText) · Date: \(date)"
    }

    private static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
