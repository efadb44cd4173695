import GRDB

/// Where a recorded run stands.
public enum RunStatus: String, Codable, CaseIterable, Sendable, DatabaseValueConvertible {
    /// Started and not yet ended (or its process died without saying so).
    case running
    /// Ended normally; its best accuracies are recorded and reports count it.
    case finished
    /// Stopped before the end (killed, Ctrl-C); starting the same config again resumes it.
    case interrupted
    /// Ended with an error.
    case failed
}
