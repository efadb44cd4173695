import FileSupport
import Foundation

/// The committed results ledger: one JSON line per finished run (`LedgerEntry`), so that results
/// accumulate across machines and over time. A run's identity is its configuration hash (which
/// includes the seed): one hash, one line.
public struct ResultLedger: Sendable {
    /// The ledger file.
    public let path: URL
    /// The runs it holds, in file order, each with its line number.
    public private(set) var runs: [RecordedRun]

    /// An empty ledger that will be written to `path`.
    public init(emptyAt path: URL) {
        self.path = path
        runs = []
    }

    /// Reads the ledger at `path`; a missing file is an empty ledger.
    /// - Throws: `FileLineError` naming the file and line of a line that does not parse, or of a
    ///   second line for one run with different results.
    public static func load(from path: URL) throws -> ResultLedger {
        guard FileManager.default.fileExists(atPath: path.path) else { return ResultLedger(emptyAt: path) }
        guard let data = FileManager.default.contents(atPath: path.path) else {
            throw FileLineError(path: path.path, line: nil, problem: "cannot read the file")
        }
        return try ResultLedger(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses ledger text; `path` names the source in errors and in each run's source.
    public init(text: String, path: URL) throws {
        self.path = path
        runs = []
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var lineOfHash: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let entry: LedgerEntry
            do {
                entry = try decoder.decode(LedgerEntry.self, from: Data(line.utf8))
            } catch {
                throw FileLineError(path: path.path, line: number, problem: "not a ledger entry (\(Self.reason(error)))")
            }
            let run = entry.recordedRun(path: path.path, line: number)
            if let earlier = lineOfHash[entry.configHash] {
                guard let kept = runs.first(where: { $0.configHash == entry.configHash }), kept.hasSameResults(as: run) else {
                    throw FileLineError(path: path.path, line: number,
                                      problem: "run \(run.shortHash) (\(entry.task) \(entry.method) seed \(entry.seed)) is also on line \(earlier) with different results")
                }
                continue
            }
            lineOfHash[entry.configHash] = number
            runs.append(run)
        }
    }

    /// What merging database runs into the ledger did.
    public struct MergeOutcome: Sendable {
        /// Runs added to the ledger.
        public var added: [RecordedRun] = []
        /// Runs the ledger already held with the same results.
        public var alreadyPresent: [RecordedRun] = []
        /// Runs the ledger holds with different results from the same compute engine: the ledger's
        /// line is kept, and each pair is reported (local run, ledger run).
        public var conflicts: [(local: RecordedRun, ledger: RecordedRun)] = []
        /// Runs the ledger holds with different results from another compute engine (expected:
        /// another numerics version or other product kernels); the ledger's line is kept.
        public var otherEngine: [(local: RecordedRun, ledger: RecordedRun)] = []
    }

    /// Adds every finished run not yet in the ledger (by configuration hash); running this twice
    /// adds nothing the second time.
    public mutating func merge(_ candidates: [RecordedRun]) -> MergeOutcome {
        var outcome = MergeOutcome()
        for run in candidates where run.record.status == .finished {
            if let present = runs.first(where: { $0.configHash == run.configHash }) {
                if present.hasSameResults(as: run) {
                    outcome.alreadyPresent.append(run)
                } else if present.record.engine != run.record.engine {
                    outcome.otherEngine.append((run, present))
                } else {
                    outcome.conflicts.append((run, present))
                }
                continue
            }
            let line = runs.count + 1
            var added = run
            added.source = .ledger(path: path.path, line: line)
            runs.append(added)
            outcome.added.append(run)
        }
        return outcome
    }

    /// Writes the ledger atomically, one canonical JSON line per run in the ledger's order.
    public func write() throws {
        let lines = try runs.map { try LedgerEntry($0).jsonLine() }
        try AtomicFile.write(lines.map { $0 + "\n" }.joined(), to: path)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "wrong type for \(field.isEmpty ? "the line" : field)"
        case DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not valid JSON" : "bad value for \(field)"
        default: return "\(error)"
        }
    }
}
