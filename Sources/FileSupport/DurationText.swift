import Foundation

/// Durations as people read them in progress lines and summaries.
public enum DurationText {
    /// `1h02m`, `3m05s`, `12s`; `?` for a duration that is not finite.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
