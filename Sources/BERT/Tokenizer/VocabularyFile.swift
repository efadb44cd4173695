import FileSupport
import Foundation

/// A WordPiece vocabulary file (`vocab.txt`): one token per line, the line index is the id.
struct VocabularyFile {
    /// The tokens in id order.
    let tokens: [String]
    /// Lower-case hex SHA-256 of the file's bytes.
    let sha256: String

    /// Reads `url`. Lines end at `\n`, `\r\n` or `\r` (as Python's text mode reads them) and
    /// are otherwise kept verbatim, empty lines included.
    init(url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TokenizerError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        sha256 = Checksum.sha256Hex(data)
        tokens = try Self.lines(of: data, file: url.path)
        guard !tokens.isEmpty else { throw TokenizerError.empty(file: url.path) }
    }

    private static func lines(of data: Data, file: String) throws -> [String] {
        var lines: [String] = []
        let bytes = [UInt8](data)
        var lineStart = 0
        var index = 0
        func finishLine(at end: Int) throws {
            guard let line = String(validating: bytes[lineStart..<end], as: UTF8.self) else {
                throw TokenizerError.notUTF8(file: file, line: lines.count + 1)
            }
            lines.append(line)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                try finishLine(at: index)
                let isCRLF = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                index += isCRLF ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        if lineStart < bytes.count { try finishLine(at: bytes.count) }
        return lines
    }
}
