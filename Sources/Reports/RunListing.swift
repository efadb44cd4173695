import Records
import Foundation

/// The text `ssmix-exp runs` prints: one aligned line per run with its identity, source, status
/// and best accuracy.
public enum RunListing {
    /// The listing of `runs`; runs that have not finished show their best evaluation so far.
    public static func render(runs: [RecordedRun]) -> String {
        let header = ["run", "source", "task", "method", "seed", "stage", "protocol", "model", "status", "best %", "test %",
                      "started (UTC)", "wall s"]
        var rows = [header]
        for run in runs {
            let record = run.record
            let best = record.bestAccuracy ?? TrainingCurves.periodicEvaluations(run.evaluations).map(\.accuracy).max()
            let status = run.isCapped ? "\(record.status.rawValue) (capped)" : record.status.rawValue
            rows.append([
                run.shortHash, run.source.description, record.task, record.method, String(record.seed), record.stage,
                record.protocolName, record.modelName, status, best.map { NumberText.percent($0 * 100) } ?? "—",
                record.bestTestAccuracy.map { NumberText.percent($0 * 100) } ?? "—",
                timestampFormatter.string(from: record.started),
                record.wallSeconds.map { String(format: "%.0f", $0) } ?? "—",
            ])
        }
        return align(rows)
    }

    private static func align(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            for (index, field) in row.enumerated() { widths[index] = max(widths[index], field.count) }
        }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    private static let timestampFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()
}
