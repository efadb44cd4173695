import ArgumentParser
import Foundation
import Records

/// `ssmix-exp export`: adds the local database's finished runs to the committed results ledger.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Add the finished runs of the local database to the results ledger (reports/ledger.jsonl).",
        discussion: """
        The ledger holds one JSON line per finished run: configuration, provenance, wall time, \
        best accuracies and every evaluation, never a checkpoint. Commit it, and results \
        accumulate across machines: `report` counts the ledger with the local database. A run is \
        identified by its configuration hash (which includes the seed), so exporting twice adds \
        nothing. Runs trained on a capped subset (the smoke plan) are left out unless \
        --include-capped. A local run whose hash the ledger already holds with other results is \
        not added; it is named on stderr and the command exits non-zero. The file is rewritten \
        atomically.

        Example:
          ssmix-exp export && git add reports/ledger.jsonl
        """)

    @Option(help: "The local run database.")
    var db = "runs/ssmix.sqlite"

    @Option(help: "The ledger to add to (created when missing).")
    var ledger = "reports/ledger.jsonl"

    @Flag(help: "Also add runs trained on a capped subset (smoke runs are checks, not results; left out by default).")
    var includeCapped = false

    func run() throws {
        try Self.export(database: db, ledger: ledger, includeCapped: includeCapped)
    }

    /// Adds the finished runs of `database` to `ledger`, printing what it did; conflicts go to
    /// stderr and make it fail.
    static func export(database db: String, ledger: String, includeCapped: Bool) throws {
        guard let store = try RunStore.openIfPresent(path: URL(fileURLWithPath: db)) else {
            throw ValidationError("no run database at \(db): pass --db")
        }
        var ledgerFile = try ResultLedger.load(from: URL(fileURLWithPath: ledger))
        let finished = try store.recordedRuns().filter { $0.record.status == .finished }
        let candidates = includeCapped ? finished : finished.filter { !$0.isCapped }
        let outcome = ledgerFile.merge(candidates)
        if !outcome.added.isEmpty { try ledgerFile.write() }
        print("\(ledger): added \(outcome.added.count) run(s), \(outcome.alreadyPresent.count) already there; \(ledgerFile.runs.count) in all")
        if candidates.count < finished.count {
            print("left out \(finished.count - candidates.count) capped run(s) (smoke runs are not results; --include-capped adds them)")
        }
        for run in outcome.added {
            print("  + \(run.shortHash) \(run.record.task) \(run.record.method) seed \(run.record.seed)")
        }
        for (local, kept) in outcome.otherEngine {
            print("  = \(local.shortHash) \(local.record.task) \(local.record.method) seed \(local.record.seed): rerun under another "
                  + "compute engine (\(local.engines(against: kept))) with other "
                  + "results; \(kept.source) is kept")
        }
        guard outcome.conflicts.isEmpty else {
            for (local, kept) in outcome.conflicts {
                FileHandle.standardError.write(Data("\(local.source) (\(local.record.task) \(local.record.method) seed \(local.record.seed)) has other results than \(kept.source); not added\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}
