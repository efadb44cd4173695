import Foundation

/// Where `download-tsv` gets the raw benchmark files.
public enum DataSource: Sendable, Equatable {
    /// The canonical HTTPS addresses (GLUE, SentEval, CogComp, ANLI).
    case canonical
    /// A local folder laid out like `../shared/data`.
    case mirrorDirectory(URL)
    /// An HTTP(S) base address serving that same layout.
    case mirrorURL(URL)

    /// The source for a `--mirror` value: nil means canonical, `http(s)://…` a web mirror,
    /// anything else (or `file://…`) a local folder, which must exist.
    public init(mirror: String?) throws {
        guard let mirror else {
            self = .canonical
            return
        }
        if mirror.hasPrefix("http://") || mirror.hasPrefix("https://") {
            let base = mirror.hasSuffix("/") ? mirror : mirror + "/"
            guard let url = URL(string: base) else {
                throw DataError.fetchFailed(source: mirror, reason: "not a valid URL")
            }
            self = .mirrorURL(url)
            return
        }
        let path = mirror.hasPrefix("file://") ? String(mirror.dropFirst("file://".count)) : mirror
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError.fetchFailed(source: mirror, reason: "no such folder")
        }
        self = .mirrorDirectory(URL(fileURLWithPath: path, isDirectory: true))
    }
}

/// One raw file of the benchmark distributions.
struct RawFile {
    /// Its path inside a mirror (`TREC/train_5500.label`, `SST-2.zip`); also its name in the
    /// downloads folder.
    let mirrorPath: String
    /// Where it lives on the web; nil for files that only mirrors hold unpacked.
    let canonicalURL: URL?
    /// The published sha256, when one is known.
    let sha256: String?
}

/// A raw file available on this machine.
struct LocalRawFile {
    /// Where to read it.
    let url: URL
    /// Where it came from, for the manifest.
    let source: String
    /// True when its sha256 was checked against a published value.
    let verified: Bool
}
