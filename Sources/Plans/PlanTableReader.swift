import FileSupport
import Records
import TOMLKit
import Training

/// Reads the typed values of a plan's TOML table, turning every mistake into a `ConfigFileError`
/// that names the key.
struct PlanTableReader {
    private let table: TOMLTable
    private let path: String

    /// Parses `text`; a syntax error names the line.
    init(text: String, path: String) throws {
        self.path = path
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(path: path, location: "line \(error.source.begin.line)", problem: error.description)
        }
    }

    /// An error about `key`.
    func error(_ key: String, _ problem: String) -> ConfigFileError {
        ConfigFileError(path: path, location: key, problem: problem)
    }

    /// Fails on the first key not in `allowed` (a typo would otherwise be ignored silently).
    func rejectUnknownKeys(allowed: [String]) throws {
        if let unknown = table.keys.first(where: { !allowed.contains($0) }) {
            throw error(unknown, "unknown key; a plan has \(allowed.joined(separator: ", "))")
        }
    }

    /// A required, non-empty string.
    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw error(key, "missing; it must be a string") }
        return value
    }

    /// An optional non-empty string.
    func optionalString(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string, !text.isEmpty else { throw error(key, "must be a non-empty string") }
        return text
    }

    /// A required, non-empty array of distinct names, each one of `allowed`.
    func names(_ key: String, allowed: [String]) throws -> [String] {
        let values = try array(key)
        var names: [String] = []
        for value in values {
            guard let name = value.string else { throw error(key, "must be an array of strings") }
            guard allowed.contains(name) else {
                throw error(key, "unknown name `\(name)`; known: \(allowed.joined(separator: ", "))")
            }
            guard !names.contains(name) else { throw error(key, "`\(name)` is listed twice") }
            names.append(name)
        }
        return names
    }

    /// A required, non-empty array of distinct integers ≥ 0.
    func seeds(_ key: String) throws -> [Int] {
        var seeds: [Int] = []
        for value in try array(key) {
            guard let seed = value.int, seed >= 0 else { throw error(key, "must be an array of integers ≥ 0") }
            guard !seeds.contains(seed) else { throw error(key, "seed \(seed) is listed twice") }
            seeds.append(seed)
        }
        return seeds
    }

    /// The optional `[key]` table: plain settings, and sub-tables named by one of `scopes`.
    func overrides(_ key: String, scopes: [String]) throws -> ([String: PlanValue], [String: [String: PlanValue]]) {
        guard let value = table[key] else { return ([:], [:]) }
        guard let overrides = value.table else { throw error(key, "must be a table ([\(key)])") }
        var plain: [String: PlanValue] = [:]
        var scoped: [String: [String: PlanValue]] = [:]
        for name in overrides.keys {
            guard let entry = overrides[name] else { continue }
            if let scope = entry.table {
                guard scopes.contains(name) else {
                    throw error("\(key).\(name)", "unknown section; use a method name or `mix`")
                }
                var settings: [String: PlanValue] = [:]
                for setting in scope.keys {
                    guard let settingValue = scope[setting] else { continue }
                    settings[setting] = try self.setting("\(key).\(name).\(setting)", settingValue)
                }
                scoped[name] = settings
            } else {
                plain[name] = try setting("\(key).\(name)", entry)
            }
        }
        return (plain, scoped)
    }

    private func array(_ key: String) throws -> [TOMLValueConvertible] {
        guard let value = table[key] else { throw error(key, "missing; it must be a non-empty array") }
        guard let array = value.array else { throw error(key, "must be an array") }
        let values = Array(array)
        guard !values.isEmpty else { throw error(key, "must not be empty") }
        return values
    }

    private func setting(_ key: String, _ value: TOMLValueConvertible) throws -> PlanValue {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        guard !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
            throw error(key, "setting names are lower-case words joined by `-`, e.g. `batch-size`")
        }
        if let int = value.int { return .int(int) }
        if let double = value.double { return .double(double) }
        if let bool = value.bool { return .bool(bool) }
        if let string = value.string { return .string(string) }
        throw error(key, "must be an integer, a number, a string or true/false")
    }
}
