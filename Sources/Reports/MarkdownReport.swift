import Records
/// Renders a result table as markdown in the paper's layout.
public enum MarkdownReport {
    /// The whole page: title, header line, legend, table, hint for missing cells, then charts.
    public static func render(_ table: ResultTable, charts: [ChartLink] = []) -> String {
        var lines = ["# \(table.kind.title)", "", table.header.line, ""]
        if let warning = table.header.cappedWarning { lines += [warning, ""] }
        lines += [legend(for: table.kind), ""]
        lines.append("| Method | " + table.columns.map(\.title).joined(separator: " | ") + " |")
        lines.append("| --- |" + String(repeating: " --- |", count: table.columns.count))
        for row in table.rows {
            lines.append("| \(row.method) | " + row.cells.map { cellText($0, kind: table.kind) }.joined(separator: " | ") + " |")
        }
        if let hint = MissingCellHint.line(for: table) {
            lines += ["", hint]
        }
        if !charts.isEmpty {
            lines += ["", "## Charts"]
            for chart in charts {
                lines += ["", "### \(chart.title)", "", "![\(chart.title)](\(chart.png)) ([SVG](\(chart.svg)))"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a cell holds, e.g. `**93.10 ± 0.03 (5)** · 93.10 · +0.00`, or `— · 93.10` when missing.
    static func cellText(_ cell: ResultCell, kind: ReportTableKind) -> String {
        var parts = [oursText(cell, kind: kind)]
        if let paper = cell.paper { parts.append(NumberText.percent(paper)) }
        if let delta = cell.delta { parts.append(NumberText.signedPercent(delta)) }
        return parts.joined(separator: " · ")
    }

    private static func oursText(_ cell: ResultCell, kind: ReportTableKind) -> String {
        guard !cell.isMissing else { return "—" }
        let text: String
        if kind.showsStandardDeviation {
            text = "\(cell.ours.map(NumberText.percent) ?? "—") (\(cell.count))"
        } else if let mean = cell.statistics.mean, let deviation = cell.statistics.standardDeviation {
            text = "\(NumberText.percent(mean)) ± \(NumberText.percent(deviation)) (\(cell.count))"
        } else {
            text = "\(cell.ours.map(NumberText.percent) ?? "—") (\(cell.count))"
        }
        let marked = cell.isCapped ? text + " †" : text
        return cell.isBest ? "**\(marked)**" : marked
    }

    private static func legend(for kind: ReportTableKind) -> String {
        let cell = kind.showsStandardDeviation
            ? "Each cell: our sample standard deviation (n seeds) · the paper's · Δ (ours − paper)."
            : "Each cell: our mean ± sample standard deviation (n seeds) · the paper's mean · Δ (ours − paper). Bold: the best mean in its column."
        let family = kind == .family ? " The paper has no numbers for WordMix, SenMix and Manifold Mixup (its values here are Table 2's)." : ""
        return cell + family + " GLUE columns are dev accuracy and TREC columns test accuracy; "
            + "ANLI valid is the best dev accuracy and ANLI test the test accuracy recorded at it."
    }
}
