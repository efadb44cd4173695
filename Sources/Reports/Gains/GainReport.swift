import Foundation
import Records

/// Renders the gains over normal and the paper's claims (`gains.md`, `.csv` or `.json`).
public enum GainReport {
    /// The title of the page.
    public static let title = "Gains over normal fine-tuning, and the paper's claims"

    /// The report in `format`; markdown embeds `charts`.
    public static func render(_ gains: GainTable, claims: PaperClaims, format: ReportFormat, charts: [ChartLink] = []) throws -> String {
        switch format {
        case .markdown: return markdown(gains, claims: claims, charts: charts)
        case .csv: return csv(gains)
        case .json: return try json(gains, claims: claims)
        }
    }

    /// A difference as text: `+1.20 [+0.40, +2.00] p 0.031 (n 3)`.
    static func differenceText(_ difference: PairedDifference) -> String {
        guard let mean = difference.mean else { return "—" }
        var text = NumberText.signedPercent(mean)
        if let interval = difference.interval {
            text += " [\(NumberText.signedPercent(interval.lowerBound)), \(NumberText.signedPercent(interval.upperBound))]"
        }
        if let p = difference.p { text += " p \(String(format: "%.3f", p))" }
        return text + " (n \(difference.differences.count))"
    }

    private static func markdown(_ gains: GainTable, claims: PaperClaims, charts: [ChartLink]) -> String {
        var lines = ["# \(title)", "", gains.header.line, ""]
        if let warning = gains.header.cappedWarning { lines += [warning, ""] }
        lines += [
            "Gain: the mean over seeds of (method − normal of the same seed, i.e. from the same first-stage "
                + "checkpoint), in points, with a 95% paired bootstrap interval (10,000 resamples, "
                + "seeded) and the two-sided paired t-test p; beside the paper's gain (its method mean − its normal mean). "
                + "This comparison survives the change of encoder; Δ against the paper's accuracies does not.", "",
            "| Task | Method | n | Gain [95% CI] | p | Paper gain |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for row in gains.rows {
            let difference = row.difference
            var gain = difference.mean.map(NumberText.signedPercent) ?? "—"
            if let interval = difference.interval {
                gain += " [\(NumberText.signedPercent(interval.lowerBound)), \(NumberText.signedPercent(interval.upperBound))]"
            }
            if row.pairs.isCapped { gain += " †" }
            lines.append("| \(row.column.title) | \(row.method) | \(difference.differences.count) | \(gain) | "
                         + "\(difference.p.map { String(format: "%.3f", $0) } ?? "—") | \(row.paperGain.map(NumberText.signedPercent) ?? "—") |")
        }
        if gains.rows.isEmpty { lines.append("| — | — | 0 | — | — | — |") }
        lines += ["", "## The paper's claims", "",
                  "Each claim compares two methods seed by seed in every column with runs (first − second, in points). "
                    + "A column holds when the mean is above zero with p < 0.05, fails when below zero with p < 0.05, "
                    + "and is undecided otherwise (one seed is always undecided). A claim holds when every column holds, "
                    + "fails when any column fails, and is undecided otherwise.", ""]
        for (index, claim) in claims.claims.enumerated() {
            lines.append("\(index + 1). **\(claim.statement)** (\(claim.paperSource); \(claim.comparison)): **\(claim.verdict.rawValue)**")
            if claim.evidence.isEmpty { lines.append("   - no column has runs of both methods yet") }
            for evidence in claim.evidence {
                let paper = evidence.paperDifference.map { "paper \(NumberText.signedPercent($0))" } ?? "paper —"
                lines.append("   - \(evidence.column.title): ours \(differenceText(evidence.difference)), "
                             + "\(evidence.difference.verdict.rawValue); \(paper)")
            }
        }
        if !charts.isEmpty {
            lines += ["", "## Charts"]
            for chart in charts { lines += ["", "### \(chart.title)", "", "![\(chart.title)](\(chart.png)) ([SVG](\(chart.svg)))"] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The CSV header: one line per task and method.
    public static let csvHeader = "protocol,column,method,n,gain,ci_low,ci_high,p,paper_gain,capped,seeds"

    private static func csv(_ gains: GainTable) -> String {
        var lines = [csvHeader]
        for row in gains.rows {
            let difference = row.difference
            lines.append([
                gains.header.protocolName, row.column.name, row.method, String(difference.differences.count),
                NumberText.precise(difference.mean), NumberText.precise(difference.interval?.lowerBound),
                NumberText.precise(difference.interval?.upperBound), difference.p.map { String(format: "%.6f", $0) } ?? "",
                NumberText.precise(row.paperGain), row.pairs.isCapped ? "1" : "0",
                row.pairs.pairs.map { String($0.seed) }.joined(separator: " "),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Document: Encodable {
        struct Gain: Encodable {
            let column: String, method: String, n: Int, seeds: [Int], gain: Double?, ciLow: Double?, ciHigh: Double?
            let p: Double?, paperGain: Double?, capped: Bool
        }
        struct Evidence: Encodable {
            let column: String, n: Int, difference: Double?, ciLow: Double?, ciHigh: Double?, p: Double?, verdict: String, paper: Double?
        }
        struct Claim: Encodable {
            let statement: String, source: String, comparison: String, verdict: String, evidence: [Evidence]
        }
        let title: String, models: [String], protocolName: String, seeds: [Int], date: String
        let resamples: Int, gains: [Gain], claims: [Claim]
        enum CodingKeys: String, CodingKey {
            case title, models, protocolName = "protocol", seeds, date, resamples, gains, claims
        }
    }

    private static func json(_ gains: GainTable, claims: PaperClaims) throws -> String {
        let document = Document(
            title: title, models: gains.header.models, protocolName: gains.header.protocolName, seeds: gains.header.seeds,
            date: gains.header.date, resamples: PairedDifference.resamples,
            gains: gains.rows.map { row in
                Document.Gain(column: row.column.name, method: row.method, n: row.difference.differences.count,
                              seeds: row.pairs.pairs.map(\.seed), gain: row.difference.mean,
                              ciLow: row.difference.interval?.lowerBound, ciHigh: row.difference.interval?.upperBound,
                              p: row.difference.p, paperGain: row.paperGain, capped: row.pairs.isCapped)
            },
            claims: claims.claims.map { claim in
                Document.Claim(statement: claim.statement, source: claim.paperSource, comparison: claim.comparison,
                               verdict: claim.verdict.rawValue, evidence: claim.evidence.map { evidence in
                    Document.Evidence(column: evidence.column.name, n: evidence.difference.differences.count,
                                      difference: evidence.difference.mean, ciLow: evidence.difference.interval?.lowerBound,
                                      ciHigh: evidence.difference.interval?.upperBound, p: evidence.difference.p,
                                      verdict: evidence.difference.verdict.rawValue, paper: evidence.paperDifference)
                })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
