import Foundation

/// A text file split into numbered lines, ready for a row parser.
///
/// Lines end with LF; a CR before the LF is dropped, and so is a UTF-8 byte-order mark at the
/// start. The empty piece after a final newline is not a line.
struct TextFile {
    /// The name shown in error messages.
    let name: String
    /// The lines with their 1-based line numbers.
    let lines: [(number: Int, text: String)]

    /// Decodes `data` as strict UTF-8; a line with invalid bytes is an error naming it.
    static func utf8(_ data: Data, name: String) throws -> TextFile {
        var lines: [(number: Int, text: String)] = []
        try forEachLine(in: data) { number, bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataError.unreadableBytes(file: name, line: number)
            }
            lines.append((number, text))
        }
        return TextFile(name: name, lines: lines)
    }

    /// Decodes `data` as Latin-1 (every byte is one character), as TREC's files are written.
    static func latin1(_ data: Data, name: String) -> TextFile {
        var lines: [(number: Int, text: String)] = []
        forEachLine(in: data) { number, bytes in
            var text = String()
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            lines.append((number, text))
        }
        return TextFile(name: name, lines: lines)
    }

    /// Calls `body` with each line's number and bytes (line ending, CR and BOM removed).
    private static func forEachLine(in data: Data, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            var start = hasBOM ? 3 : 0
            var number = 1
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var contentEnd = end
                if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                try body(number, UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]))
                number += 1
                start = end + 1
            }
        }
    }
}
