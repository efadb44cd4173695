import Foundation
import Records

/// Derives regression bands from full-recipe runs: every cell with at least `minimumSeeds` seeds
/// of uncapped runs gets mean ± max(`deviations` × the seed standard deviation, `floor`) points.
public struct BandDerivation: Sendable {
    /// How many standard deviations either side of the mean.
    public static let deviations = 3.0
    /// The narrowest half-width, in points: five TREC test examples (500 in all).
    public static let floor = 1.0
    /// The fewest seeds a band is derived from.
    public static let minimumSeeds = 3

    /// The derived bands, by column then method (the paper's order).
    public let bands: [Band]

    /// Derives bands from `results`, noting `date` (yyyy-MM-dd) in each band's `derived` text.
    public init(results: MeasuredResults, date: String) {
        var bands: [Band] = []
        for column in ReportColumn.all {
            for method in ExperimentCatalog.methods {
                let samples = results.samples(method: method, column: column).filter { !$0.run.isCapped }
                let statistics = SampleStatistics(samples.map(\.percent))
                guard samples.count >= Self.minimumSeeds, let mean = statistics.mean, let deviation = statistics.standardDeviation else { continue }
                let half = max(Self.deviations * deviation, Self.floor)
                let seeds = samples.map { String($0.seed) }.joined(separator: ",")
                bands.append(Band(column: column.name, method: method, low: NumberText.rounded(mean - half, decimals: 2),
                                  high: NumberText.rounded(mean + half, decimals: 2),
                                  derived: "full recipe, protocol \(results.protocolName), seeds \(seeds) (n = \(samples.count)): "
                                      + "mean \(NumberText.percent(mean)), std \(NumberText.percent(deviation)); "
                                      + "band = mean ± max(3 std, 1 point); derived \(date)"))
            }
        }
        self.bands = bands
    }

    /// The band file: a header that justifies the width, then one `[[band]]` table per band.
    public func toml() -> String {
        var lines = [
            "# Regression bands for `ssmix-exp check --bands experiments/bands.toml` (format: experiments/README.md).",
            "# Written by `ssmix-exp check --derive-bands` from the ledger and local database: every cell with at least \(Self.minimumSeeds) seeds of",
            "# full-recipe runs (capped runs never count). Band = mean ± max(3 std, 1 point), std over seeds:",
            "# 3 std keeps a new seed from the same distribution inside with high probability while a broken",
            "# method or trainer (e.g. a stage that learns nothing, or the capped smoke numbers) falls outside;",
            "# the 1-point floor keeps a band from being narrower than five TREC test examples when three seeds",
            "# happen to agree. With n = 3 the std itself is uncertain: bands catch breakage, not small effects.",
        ]
        for band in bands {
            lines += ["", "[[band]]", "task = \"\(band.column)\"", "method = \"\(band.method)\"",
                      "low = \(String(format: "%.2f", band.low))", "high = \(String(format: "%.2f", band.high))",
                      "derived = \"\(band.derived)\""]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
