import FileSupport
import ArgumentParser
import Plans
import Records
import Reports
import Training
import Foundation

/// `ssmix-exp check`: fails when a cell's mean accuracy leaves its regression band.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare each cell's mean accuracy with its regression band; exit non-zero on any miss.",
        discussion: """
        A band file lists `[[band]]` tables with task (a report column such as rte or \
        anli-r1-test), method, low and high (percent, inclusive) and derived (how the band was \
        chosen). Runs come from the ledger and the local database, as for `report`. Every band \
        outside its range or without a finished run is printed on its own line.

        `--derive-bands` writes the band file instead, from every cell with at least 3 seeds of \
        full-recipe runs: mean ± max(3 std, 1 point).

        Examples:
          ssmix-exp check
          ssmix-exp check --derive-bands
          ssmix-exp check --bands my-bands.toml --no-ledger
        """)

    @Option(name: .long, help: "The band file (TOML).")
    var bands = "experiments/bands.toml"

    @OptionGroup var sources: ResultSourceOptions

    @Flag(help: "Write the band file from the recorded full-recipe runs instead of checking.")
    var deriveBands = false

    func run() throws {
        if deriveBands { return try writeBands() }
        let bandList = try BandFile.load(from: URL(fileURLWithPath: bands))
        let results = MeasuredResults(runs: try sources.gather().runs, protocolName: sources.trainingProtocol.rawValue,
                                      precision: sources.precision.rawValue)
        let check = BandCheck(bands: bandList, results: results)
        guard !check.passed else {
            print(bandList.isEmpty ? "\(bands) defines no bands: nothing to check."
                                   : "All \(bandList.count) bands hold.")
            return
        }
        check.failures.forEach { print($0.line) }
        throw BandCheckFailure(check)
    }

    private func writeBands() throws {
        let results = MeasuredResults(runs: try sources.gather().runs, protocolName: sources.trainingProtocol.rawValue,
                                      precision: sources.precision.rawValue)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let derivation = BandDerivation(results: results, date: formatter.string(from: Date()))
        try AtomicFile.write(derivation.toml(), to: URL(fileURLWithPath: bands))
        print("wrote \(derivation.bands.count) band(s) to \(bands)")
    }
}
