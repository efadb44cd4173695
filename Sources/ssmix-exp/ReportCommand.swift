import ArgumentParser
import Plans
import Records
import Reports
import Training
import Foundation

/// `ssmix-exp report`: the paper's tables filled with our runs, beside the paper's numbers.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the paper's Tables 2, A.1 and B.1, the mixup family and the gains from the ledger and the run database.",
        discussion: """
        Rows are methods, columns the paper's evaluation sets; each cell reads \
        `ours ± std (n) · paper · Δ`, with `—` where no finished run exists yet (the report \
        says how to fill it). Runs come from the committed ledger (reports/ledger.jsonl) and the \
        local database; a run in both counts once. Only finished runs of the chosen protocol \
        count; when a task, method and seed were run more than once, a full-recipe run beats a \
        capped one (marked †), then the latest counts. `ssmix-exp runs --cell TASK METHOD` \
        lists the runs behind a cell.

        Examples:
          ssmix-exp report --table 2
          ssmix-exp report --table gains
          ssmix-exp report --table all --out reports/
        """)

    /// Which table(s) to render.
    enum TableChoice: String, ExpressibleByArgument, CaseIterable {
        case table2 = "2", tableA1 = "A.1", tableB1 = "B.1", family, gains, all
    }

    @Option(name: .long, help: "The table: 2 (means), A.1 (standard deviations), B.1 (UNK comparison), family (WordMix, SenMix, Manifold Mixup beside the paper's methods), gains (gains over normal with 95% CIs and the paper's claims checked) or all. Repeatable.")
    var table: [TableChoice] = [.table2]

    @OptionGroup var sources: ResultSourceOptions

    @Option(name: .long, help: "Output format: markdown, csv or json.")
    var format = ReportFormat.markdown

    @Option(name: .long, help: "Write table2.md, tableA1.md, … and the charts into this directory instead of printing.")
    var out: String?

    @Option(name: .long, help: "A TSV file with the paper's numbers to use instead of those built in (format: experiments/README.md).")
    var paperTables: String?

    @Flag(name: .long, help: "With --out, write the tables only, without gnuplot charts.")
    var noCharts = false

    func run() throws {
        let kinds = table.contains(.all) ? ReportTableKind.allCases
            : table.compactMap { ReportTableKind(rawValue: $0.rawValue) }
        let request = ReportRequest(
            tables: kinds, includeGains: table.contains(.all) || table.contains(.gains), format: format, protocolName: sources.trainingProtocol.rawValue,
            databasePath: sources.databaseURL, ledgerPath: sources.ledgerURL, paperTablesPath: paperTables.map(URL.init(fileURLWithPath:)),
            outputDirectory: out.map { URL(fileURLWithPath: $0, isDirectory: true) },
            drawCharts: !noCharts, date: Date(), precision: sources.precision.rawValue)
        let output = try ReportGenerator.run(request)
        output.notes.forEach { FileHandle.standardError.write(Data("note: \($0)\n".utf8)) }
        if out == nil {
            print(output.texts.joined(separator: "\n"), terminator: "")
        } else {
            output.writtenFiles.forEach { print("wrote \($0.path)") }
        }
    }
}
