import Records
/// Best-accuracy bookkeeping of one stage.
///
/// Single-split tasks: best = max over evaluations; the normal stage saves whenever the current
/// accuracy equals the best after the update (ties keep the later checkpoint).
/// Tasks with a separate report split (ANLI): the report split is evaluated when the selection
/// accuracy strictly improves, and that test accuracy is reported. Under the paper protocol
/// (``TrainingProtocol/reportAccuracyFeedsBest``) the test accuracy also feeds the shared best (the released code's bug: it can block later saves);
/// under the fixed protocol the best selection accuracy is tracked on its own.
struct BestTracker: Codable, Equatable {
    let reportFeedsBest: Bool
    let hasReportSplit: Bool
    private(set) var best = 0.0
    private(set) var reportedTest: Double?

    init(reportFeedsBest: Bool, hasReportSplit: Bool) {
        self.reportFeedsBest = reportFeedsBest
        self.hasReportSplit = hasReportSplit
    }

    /// Takes a selection accuracy; says whether the report split must be evaluated now.
    mutating func observeSelection(_ accuracy: Double) -> (improved: Bool, evaluateReport: Bool) {
        let improved = accuracy > best
        best = max(best, accuracy)
        return (improved, improved && hasReportSplit)
    }

    /// Takes the report accuracy evaluated at an improvement.
    mutating func observeReport(_ accuracy: Double) {
        reportedTest = accuracy
        if reportFeedsBest { best = max(best, accuracy) }
    }

    /// Whether the normal stage saves its checkpoint after this selection accuracy.
    func shouldSave(_ accuracy: Double) -> Bool { accuracy == best }
}
