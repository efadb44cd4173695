import FileSupport
import Foundation
import Records

/// Progress lines on stderr: epoch, step/total, smoothed loss, examples/s, ETA and the last
/// evaluation. Rewrites one line on a terminal; prints a line every few seconds otherwise.
public final class ProgressReporter {
    private let label: String
    private let quiet: Bool
    private let isTerminal = isatty(fileno(stderr)) != 0
    private var smoothedLoss: Double?
    private var lastPrint = Date.distantPast
    private var started = Date()
    private var lastEval = "—"
    /// Where this process took the run up: step and examples seen before it (0 for a fresh run).
    private var startStep = 0, startExamples = 0

    /// A reporter for one run, prefixing lines with `label`; `quiet` silences everything.
    public init(label: String, quiet: Bool) {
        self.label = label
        self.quiet = quiet
    }

    /// Counts speed and ETA from here on: the run continues from a training state at `step`, with
    /// `examples` seen before it.
    public func continuing(from step: Int, examples: Int) {
        started = Date()
        startStep = step
        startExamples = examples
    }

    /// Examples per second and the seconds left, from the steps and examples done since `startStep`
    /// and `startExamples` in `elapsed` seconds.
    static func speed(elapsed: Double, step: Int, total: Int, examples: Int, startStep: Int, startExamples: Int)
        -> (examplesPerSecond: Double, secondsLeft: Double) {
        let elapsed = max(elapsed, 1e-9)
        return (Double(examples - startExamples) / elapsed, elapsed / Double(max(step - startStep, 1)) * Double(total - step))
    }

    /// Reports a finished step.
    public func step(epoch: Int, epochs: Int, step: Int, total: Int, loss: Double, examples: Int) {
        smoothedLoss = smoothedLoss.map { 0.95 * $0 + 0.05 * loss } ?? loss
        guard !quiet, Date().timeIntervalSince(lastPrint) >= (isTerminal ? 0.5 : 10) || step == total else { return }
        lastPrint = Date()
        let (rate, eta) = Self.speed(elapsed: Date().timeIntervalSince(started), step: step, total: total, examples: examples,
                                     startStep: startStep, startExamples: startExamples)
        let line = String(format: "%@ epoch %d/%d step %d/%d loss %.4f %.1f ex/s ETA %@ last eval %@",
                          label, epoch, epochs, step, total, smoothedLoss ?? loss, rate, DurationText.format(eta), lastEval)
        write(isTerminal ? "\r\u{1B}[K" + line : line + "\n")
    }

    /// Reports an evaluation on its own line.
    public func evaluation(step: Int, split: String, accuracy: Double, loss: Double, best: Double) {
        lastEval = String(format: "%@ %.2f%%", split, accuracy * 100)
        guard !quiet else { return }
        let line = String(format: "%@ step %d: %@ accuracy %.2f%% (loss %.4f, best %.2f%%)", label, step, split, accuracy * 100, loss, best * 100)
        write((isTerminal ? "\r\u{1B}[K" : "") + line + "\n")
    }

    /// Prints a message line.
    public func note(_ message: String) {
        guard !quiet else { return }
        write((isTerminal ? "\r\u{1B}[K" : "") + message + "\n")
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
