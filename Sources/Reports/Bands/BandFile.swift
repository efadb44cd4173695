import FileSupport
import Foundation
import Records
import TOMLKit

/// A regression-band file (experiments/bands.toml): a list of `[[band]]` tables.
///
/// ```toml
/// [[band]]
/// task = "trec-coarse"      # a report column: a task, or anli-rK-valid / anli-rK-test
/// method = "ssmix"
/// low = 95.0                # percent, inclusive
/// high = 97.5
/// derived = "mean ± 3 std of seeds 0-4, run of 2025-06-01"
/// ```
/// A file without any `[[band]]` is valid and checks nothing.
public enum BandFile {
    /// Reads and checks a band file.
    /// - Throws: `ConfigFileError` naming the file and the key at fault.
    public static func load(from url: URL) throws -> [Band] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigFileError(path: url.path, location: "file", problem: "cannot read it")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: url.path)
    }

    /// Parses band-file text; `path` only names the source in errors.
    public static func parse(_ text: String, path: String) throws -> [Band] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(path: path, location: "line \(error.source.begin.line)", problem: error.description)
        }
        if let unknown = table.keys.first(where: { $0 != "band" }) {
            throw ConfigFileError(path: path, location: unknown, problem: "unknown key; a band file holds only [[band]] tables")
        }
        guard let entries = table["band"] else { return [] }
        guard let array = entries.array else {
            throw ConfigFileError(path: path, location: "band", problem: "must be a list of [[band]] tables")
        }
        var bands: [Band] = []
        for (index, entry) in array.enumerated() {
            let band = try parseBand(entry, location: "band[\(index)]", path: path)
            if bands.contains(where: { $0.column == band.column && $0.method == band.method }) {
                throw ConfigFileError(path: path, location: "band[\(index)]",
                                problem: "a second band for \(band.method) on \(band.column)")
            }
            bands.append(band)
        }
        return bands
    }

    private static func parseBand(_ entry: TOMLValueConvertible, location: String, path: String) throws -> Band {
        func fail(_ key: String, _ problem: String) -> ConfigFileError {
            ConfigFileError(path: path, location: key.isEmpty ? location : "\(location).\(key)", problem: problem)
        }
        guard let table = entry.table else { throw fail("", "must be a table") }
        let allowed = ["task", "method", "low", "high", "derived"]
        if let unknown = table.keys.first(where: { !allowed.contains($0) }) {
            throw fail(unknown, "unknown key; a band has \(allowed.joined(separator: ", "))")
        }
        guard let column = table["task"]?.string, ReportColumn.named(column) != nil else {
            let known = ReportColumn.all.map(\.name).joined(separator: ", ")
            throw fail("task", "must be one of \(known)")
        }
        guard let method = table["method"]?.string, ExperimentCatalog.methods.contains(method) else {
            throw fail("method", "must be one of \(ExperimentCatalog.methods.joined(separator: ", "))")
        }
        guard let low = number(table["low"]), (0...100).contains(low) else {
            throw fail("low", "must be a percentage between 0 and 100")
        }
        guard let high = number(table["high"]), (0...100).contains(high), high >= low else {
            throw fail("high", "must be a percentage between `low` and 100")
        }
        guard let derived = table["derived"]?.string, !derived.isEmpty else {
            throw fail("derived", "must say how the band was derived")
        }
        return Band(column: column, method: method, low: low, high: high, derived: derived)
    }

    private static func number(_ value: TOMLValueConvertible?) -> Double? {
        guard let value else { return nil }
        return value.double ?? value.int.map(Double.init)
    }
}
