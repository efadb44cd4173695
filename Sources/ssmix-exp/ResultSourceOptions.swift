import ArgumentParser
import Autodiff
import Foundation
import Records
import Training

/// Where recorded results are read from: the local run database and the committed ledger.
/// Every command that reads results (report, check, runs, export) takes these options.
struct ResultSourceOptions: ParsableArguments {
    @Option(help: "The local run database (a missing file counts as empty); shards in runs/shards/ beside it count too.")
    var db = "runs/ssmix.sqlite"

    @Option(help: "The committed results ledger, counted with the database; a run in both counts once (a missing file counts as empty).")
    var ledger = "reports/ledger.jsonl"

    @Flag(help: "Count the local database only, not the ledger.")
    var noLedger = false

    @Option(name: .customLong("protocol"), help: "Count runs of this protocol: paper or fixed.")
    var trainingProtocol = TrainingProtocol.paper

    @Option(help: "Count runs whose dense layers' products used this precision: fp32 or bf16 (the two are never mixed).")
    var precision = Precision.fp32

    var databaseURL: URL { URL(fileURLWithPath: db) }
    var ledgerURL: URL? { noLedger ? nil : URL(fileURLWithPath: ledger) }
    /// The shards cluster and pool cells write beside the database (`runs/shards/`).
    var shardsURL: URL { databaseURL.deletingLastPathComponent().appendingPathComponent("shards") }

    /// The runs both sources hold, each once; notes about local runs that disagree with the
    /// ledger go to stderr.
    func gather(unfinished: Bool = false) throws -> RunCollection {
        let collection = try RunCollection.gather(database: databaseURL, ledger: ledgerURL, shards: shardsURL, unfinished: unfinished)
        collection.notes.forEach { FileHandle.standardError.write(Data("note: \($0)\n".utf8)) }
        return collection
    }
}
