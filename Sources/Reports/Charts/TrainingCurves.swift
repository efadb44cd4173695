import Records
/// Evaluation accuracy over training steps, averaged over seeds, per method of one task.
public struct TrainingCurves: Sendable {
    /// One method's curve.
    public struct Curve: Sendable, Equatable {
        /// The method.
        public let method: String
        /// (optimizer step within the stage, mean accuracy in percent), by step.
        public let points: [(step: Int, percent: Double)]

        /// Curves are equal when their methods and points are.
        public static func == (a: Curve, b: Curve) -> Bool {
            a.method == b.method && a.points.map(\.step) == b.points.map(\.step)
                && a.points.map(\.percent) == b.points.map(\.percent)
        }
    }

    /// The task.
    public let task: String
    /// One curve per method that has evaluations, in the table's method order.
    public let curves: [Curve]

    /// The curves of every task of `table` that has counted runs, on one step axis per task: the
    /// normal stage from step 0, each mixup stage after the normal stage's last step, starting at
    /// the mean accuracy of the best normal checkpoints it continues from.
    ///
    /// Each run contributes the split it evaluated periodically: the split it recorded most
    /// often (dev for GLUE and ANLI, test for TREC).
    public static func build(for table: ResultTable, results: MeasuredResults) -> [TrainingCurves] {
        var result: [TrainingCurves] = []
        var seenTasks: [String] = []
        for column in table.columns where !seenTasks.contains(column.task) {
            seenTasks.append(column.task)
            let columnIndex = table.columns.firstIndex(of: column) ?? 0
            var curves: [Curve] = []
            for row in table.rows {
                let perRun = row.cells[columnIndex].runHashes.compactMap(results.run(configHash:))
                    .map { periodicEvaluations($0.evaluations) }
                let points = meanByStep(perRun)
                if !points.isEmpty { curves.append(Curve(method: row.method, points: points)) }
            }
            let normalBest = table.rows.first { $0.method == "normal" }?.cells[columnIndex].statistics.mean
            curves = continuingAfterNormal(curves, normalBest: normalBest)
            if !curves.isEmpty { result.append(TrainingCurves(task: column.task, curves: curves)) }
        }
        return result
    }

    /// Shifts each mixup curve past the normal curve's last step, starting from `normalBest`.
    static func continuingAfterNormal(_ curves: [Curve], normalBest: Double?) -> [Curve] {
        guard let normal = curves.first(where: { $0.method == "normal" }), let lastStep = normal.points.last?.step else { return curves }
        return curves.map { curve in
            guard curve.method != "normal" else { return curve }
            let start = normalBest.map { [(step: lastStep, percent: $0)] } ?? []
            return Curve(method: curve.method, points: start + curve.points.map { (step: lastStep + $0.step, percent: $0.percent) })
        }
    }

    /// The evaluations of the split recorded most often (ties go to a split other than `test`).
    static func periodicEvaluations(_ records: [EvaluationRecord]) -> [EvaluationRecord] {
        var counts: [String: Int] = [:]
        for record in records { counts[record.split, default: 0] += 1 }
        let split = counts.max { a, b in
            (a.value, a.key != "test" ? 1 : 0, b.key) < (b.value, b.key != "test" ? 1 : 0, a.key)
        }?.key
        return records.filter { $0.split == split }
    }

    /// The mean accuracy (percent) at each step over the runs that evaluated at that step.
    static func meanByStep(_ runs: [[EvaluationRecord]]) -> [(step: Int, percent: Double)] {
        var sums: [Int: (total: Double, count: Int)] = [:]
        for run in runs {
            for record in run {
                let sum = sums[record.step, default: (0, 0)]
                sums[record.step] = (sum.total + record.accuracy * 100, sum.count + 1)
            }
        }
        return sums.keys.sorted().compactMap { step in
            sums[step].map { (step: step, percent: $0.total / Double($0.count)) }
        }
    }
}
