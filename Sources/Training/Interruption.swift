import Dispatch
import Foundation
import Records

/// Turns SIGINT and SIGTERM into a flag the training loop checks between steps, so that a stopped
/// run can mark itself interrupted in the database instead of dying mid-write.
public final class Interruption: @unchecked Sendable {
    /// The process-wide instance.
    public static let shared = Interruption()
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    /// Starts listening (idempotent).
    public func install() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { lock.lock(); defer { lock.unlock() }; return requested }

    func request() { lock.lock(); requested = true; lock.unlock() }
}

/// Thrown by the training loop when a stop was asked for; the run is then marked interrupted.
public struct RunInterrupted: Error, CustomStringConvertible {
    public var description: String { "interrupted; the run is marked interrupted and restarts when run again" }
}
