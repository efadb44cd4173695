import Records
import Foundation

/// The text `ssmix-exp runs` prints: one aligned line per run with its status and best accuracy.
public enum RunListing {
    /// The listing of `runs`; `evaluations` gives a run's evaluations, used for the best
    /// accuracy so far of runs that have not finished.
    public static func render(runs: [RunRecord], evaluations: (Int64) throws -> [EvaluationRecord]) rethrows -> String {
        let header = ["id", "task", "method", "seed", "stage", "protocol", "model", "status", "best %", "test %", "started (UTC)", "wall s"]
        var rows = [header]
        for run in runs {
            var best = run.bestAccuracy
            if best == nil, let id = run.id {
                best = TrainingCurves.periodicEvaluations(try evaluations(id)).map(\.accuracy).max()
            }
            rows.append([
                run.id.map(String.init) ?? "", run.task, run.method, String(run.seed), run.stage, run.protocolName,
                run.modelName, run.status.rawValue, best.map { NumberText.percent($0 * 100) } ?? "—",
                run.bestTestAccuracy.map { NumberText.percent($0 * 100) } ?? "—",
                timestampFormatter.string(from: run.started),
                run.wallSeconds.map { String(format: "%.0f", $0) } ?? "—",
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
