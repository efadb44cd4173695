import Foundation
import TestSupport

/// A JSON object from a golden file, with typed accessors that throw a message naming the
/// file, case and field when something is missing or has the wrong type.
struct GoldenObject {
    let fields: [String: Any]
    let context: String

    /// Every line of a golden JSON Lines file, each tagged `file case <id>`.
    static func cases(in file: String) throws -> [GoldenObject] {
        try TestPaths.jsonLines(file).enumerated().map { line, fields in
            let id = (fields["id"] as? NSNumber)?.intValue ?? line
            return GoldenObject(fields: fields, context: "\(file) case \(id)")
        }
    }

    func has(_ key: String) -> Bool {
        guard let value = fields[key] else { return false }
        return !(value is NSNull)
    }

    func value(_ key: String) throws -> Any {
        guard let value = fields[key], !(value is NSNull) else { throw failure("missing field \(key)") }
        return value
    }

    func int(_ key: String) throws -> Int { try Self.integer(value(key), key, self) }

    func double(_ key: String) throws -> Double {
        guard let number = try value(key) as? NSNumber else { throw failure("\(key) is not a number") }
        return number.doubleValue
    }

    func bool(_ key: String) throws -> Bool {
        guard let flag = try value(key) as? Bool else { throw failure("\(key) is not a boolean") }
        return flag
    }

    func string(_ key: String) throws -> String {
        guard let text = try value(key) as? String else { throw failure("\(key) is not a string") }
        return text
    }

    func ints(_ key: String) throws -> [Int] { try Self.integers(value(key), key, self) }

    func floats(_ key: String) throws -> [Float] {
        guard let list = try value(key) as? [Any] else { throw failure("\(key) is not a list") }
        return try list.map {
            guard let number = $0 as? NSNumber else { throw failure("\(key) holds a non-number") }
            return Float(number.doubleValue)
        }
    }

    func object(_ key: String) throws -> GoldenObject {
        guard let inner = try value(key) as? [String: Any] else { throw failure("\(key) is not an object") }
        return GoldenObject(fields: inner, context: "\(context) \(key)")
    }

    func objects(_ key: String) throws -> [GoldenObject] {
        guard let list = try value(key) as? [Any] else { throw failure("\(key) is not a list") }
        return try list.enumerated().map { index, item in
            guard let inner = item as? [String: Any] else { throw failure("\(key)[\(index)] is not an object") }
            return GoldenObject(fields: inner, context: "\(context) \(key)[\(index)]")
        }
    }

    func failure(_ message: String) -> GoldenFormatError {
        GoldenFormatError(message: "\(context): \(message)")
    }

    static func integer(_ value: Any, _ key: String, _ owner: GoldenObject) throws -> Int {
        guard let number = value as? NSNumber else { throw owner.failure("\(key) is not an integer") }
        return number.intValue
    }

    static func integers(_ value: Any, _ key: String, _ owner: GoldenObject) throws -> [Int] {
        guard let list = value as? [Any] else { throw owner.failure("\(key) is not a list") }
        return try list.map { try integer($0, key, owner) }
    }
}

/// A golden file whose content does not have the documented shape.
struct GoldenFormatError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
