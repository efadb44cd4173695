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
        abstract: "Render the paper's Table 2, A.1 or B.1 from the run database.",
        discussion: """
        Rows are methods, columns the paper's evaluation sets; each cell reads \
        `ours ± std (n) · paper · Δ`, with `—` where no finished run exists yet (the report \
        says how to fill it). Only finished runs of the chosen protocol count; when a task, \
        method and seed were run more than once, the latest run counts.
        Examples:
          ssmix-exp report --table 2
          ssmix-exp report --table all --out reports/
        """)

    /// Which table(s) to render.
    enum TableChoice: String, ExpressibleByArgument, CaseIterable {
        case table2 = "2", tableA1 = "A.1", tableB1 = "B.1", all
    }

    @Option(name: .long, help: "The table: 2 (means), A.1 (standard deviations), B.1 (UNK comparison) or all. Repeatable.")
    var table: [TableChoice] = [.table2]

    @Option(name: .long, help: "The run database.")
    var db: String = "runs/ssmix.sqlite"

    @Option(name: .long, help: "Output format: markdown, csv or json.")
    var format = ReportFormat.markdown

    @Option(name: .long, help: "Write table2.md, tableA1.md, … and the charts into this directory instead of printing.")
    var out: String?

    @Option(name: .customLong("protocol"), help: "Count runs of this protocol: paper or fixed.")
    var trainingProtocol = TrainingProtocol.paper

    @Option(name: .long, help: "The paper's published numbers.")
    var paperTables: String = "experiments/paper-tables.tsv"

    @Flag(name: .long, help: "With --out, write the tables only, without gnuplot charts.")
    var noCharts = false

    func run() throws {
        let kinds = table.contains(.all) ? ReportTableKind.allCases
            : table.compactMap { ReportTableKind(rawValue: $0.rawValue) }
        let request = ReportRequest(
            tables: kinds, format: format, protocolName: trainingProtocol.rawValue,
            databasePath: URL(fileURLWithPath: db), paperTablesPath: URL(fileURLWithPath: paperTables),
            outputDirectory: out.map { URL(fileURLWithPath: $0, isDirectory: true) },
            drawCharts: !noCharts, date: Date())
        let output = try ReportGenerator.run(request)
        if out == nil {
            print(output.texts.joined(separator: "\n"), terminator: "")
        } else {
            output.writtenFiles.forEach { print("wrote \($0.path)") }
        }
    }
}
