import Foundation
import GRDB

/// Why the run database could not be used; each description is one line naming the file.
public enum RunStoreError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file is an SQLite database whose pages are damaged.
    case corrupt(path: String, detail: String)
    /// The file or its directory cannot be created, opened or written.
    case notWritable(path: String, detail: String)
    /// Any other SQLite failure.
    case database(path: String, detail: String)
    /// A run id that the database does not hold.
    case unknownRun(path: String, id: Int64)
    /// The same configuration is being trained right now by another live process.
    case alreadyRunning(path: String, id: Int64, processID: Int32)

    /// One line naming the file and what to do.
    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not an SQLite database: move it away or pass another --db"
        case .corrupt(let path, let detail):
            return "\(path) is a damaged SQLite database (\(detail)): move it away or pass another --db"
        case .notWritable(let path, let detail):
            return "cannot write the run database \(path) (\(detail)): check the directory's permissions or pass another --db"
        case .database(let path, let detail):
            return "run database \(path): \(detail)"
        case .unknownRun(let path, let id):
            return "run database \(path) has no run with id \(id)"
        case .alreadyRunning(let path, let id, let processID):
            return "run \(id) in \(path) with this configuration is already running in process \(processID)"
        }
    }

    /// Same as `description`.
    public var errorDescription: String? { description }

    /// Translates an SQLite error into one that names the file.
    static func from(_ error: Error, path: String) -> Error {
        if error is RunStoreError { return error }
        guard let sqlite = error as? DatabaseError else {
            return RunStoreError.database(path: path, detail: "\(error)")
        }
        let detail = sqlite.message ?? "\(sqlite.resultCode)"
        switch sqlite.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return RunStoreError.notADatabase(path: path)
        case .SQLITE_CORRUPT: return RunStoreError.corrupt(path: path, detail: detail)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_FULL:
            return RunStoreError.notWritable(path: path, detail: detail)
        default: return RunStoreError.database(path: path, detail: detail)
        }
    }
}
