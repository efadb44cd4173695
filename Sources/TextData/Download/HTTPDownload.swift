import FileSupport
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A finished HTTP download sitting in a temporary file, not yet checked.
struct DownloadedFile {
    /// The temporary file holding the body.
    let temporary: URL
    /// The sha256 of the body, computed while it streamed in.
    let sha256: String
}

/// Streams one URL into a temporary file with URLSession, hashing it on the way and reporting
/// progress (bytes so far, total when known, rate).
///
/// Its mutable state is touched only by URLSession's serial delegate queue while the transfer
/// runs and read by the caller after `finished` is signalled, hence `@unchecked Sendable`.
final class HTTPDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What happened to a request that did not produce a body.
    enum Outcome {
        case notFound
        case failed(String)
    }

    private let url: URL
    private let temporary: URL
    private let progress: ((String, Bool) -> Void)?
    private let finished = DispatchSemaphore(value: 0)
    private var output: FileHandle?
    private var hasher = SHA256()
    private var received: Int64 = 0
    private var expected: Int64 = -1
    private var problem: Outcome?
    private var started = Date()
    private var lastReport = Date.distantPast

    private init(url: URL, temporary: URL, progress: ((String, Bool) -> Void)?) {
        self.url = url
        self.temporary = temporary
        self.progress = progress
    }

    /// Downloads `url` into a temporary sibling of `target`. Returns nil on HTTP 404; throws on
    /// any other failure (status, network, a body shorter than announced), removing the
    /// temporary file. `target` itself is never touched.
    static func fetch(_ url: URL, besides target: URL, progress: ((String, Bool) -> Void)?) throws -> DownloadedFile? {
        let temporary = try AtomicFile.temporarySibling(of: target)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw DataError.io(file: temporary.path, reason: "cannot be created")
        }
        let download = HTTPDownload(url: url, temporary: temporary, progress: progress)
        download.output = handle
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        session.dataTask(with: url).resume()
        download.finished.wait()
        session.finishTasksAndInvalidate()
        try? handle.close()
        if let problem = download.problem {
            try? FileManager.default.removeItem(at: temporary)
            switch problem {
            case .notFound: return nil
            case .failed(let reason): throw DataError.fetchFailed(source: url.absoluteString, reason: reason)
            }
        }
        return DownloadedFile(temporary: temporary, sha256: Checksum.hex(download.hasher.finalize()))
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        if status == 404 {
            problem = .notFound
        } else if status != 200 {
            problem = .failed("HTTP status \(status)")
        }
        expected = response.expectedContentLength
        started = Date()
        completionHandler(problem == nil ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard problem == nil, let output else { return }
        do {
            try output.write(contentsOf: data)
        } catch {
            problem = .failed("cannot write \(temporary.path) (\(error.localizedDescription))")
            dataTask.cancel()
            return
        }
        hasher.update(data: data)
        received += Int64(data.count)
        if Date().timeIntervalSince(lastReport) >= 0.25 {
            reportProgress(final: false)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if problem == nil {
            if let error {
                problem = .failed("\(error.localizedDescription) after \(Self.megabytes(received))")
            } else if expected > 0 && received != expected {
                problem = .failed("cut short: received \(received) of \(expected) bytes")
            } else {
                reportProgress(final: true)
            }
        }
        finished.signal()
    }

    /// Sends one progress line: name, bytes so far (of total), rate; `final` once complete.
    private func reportProgress(final: Bool) {
        guard let progress else { return }
        lastReport = Date()
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let total = expected > 0 ? " of \(Self.megabytes(expected))" : ""
        let rate = Self.megabytes(Int64(Double(received) / seconds))
        progress("\(url.lastPathComponent): \(Self.megabytes(received))\(total) at \(rate)/s", final)
    }

    /// A byte count in kB below a megabyte, in MB above, with one decimal.
    private static func megabytes(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1_000)
                          : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
