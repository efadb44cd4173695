import Dispatch
import Foundation
import Records

/// Turns SIGINT, SIGTERM and SIGUSR1 (Slurm's warning before a time limit, `--signal=USR1@120`)
/// into a flag the training loop checks between steps, so that a stopped run saves its training
/// state and marks itself interrupted instead of dying mid-write.
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
        for signalNumber in [SIGINT, SIGTERM, SIGUSR1] {
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
    public init() {}
    public var description: String { "interrupted; the run is marked interrupted and continues from its training state when run again" }
}
