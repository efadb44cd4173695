import ArgumentParser
import Foundation
import TextData

/// `ssmix-exp download-tsv`: fetch the benchmarks and write `data/<task>/<split>.tsv`.
struct DownloadTSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download-tsv",
        abstract: "Download the benchmark data and write one normalised TSV layout plus manifest.json.",
        discussion: """
        Fetches the canonical files (GLUE zips, the MRPC sources and dev ids, the TREC label \
        files, the ANLI zip), checks their sha256, and writes <out>/<task>/<split>.tsv with a \
        header `label<TAB>text` (or `label<TAB>text_a<TAB>text_b` for pairs) plus \
        <out>/manifest.json. Nothing is replaced until it has passed every check, and files that \
        are already valid are skipped. Each task that fails is reported on its own line and the \
        others still complete; the exit status is 1 when any failed.

        Examples:
          ssmix-exp download-tsv --tasks trec,sst2,rte,mrpc --mirror ../shared/data
          ssmix-exp download-tsv --tasks all
        """
    )

    @Option(help: ArgumentHelp(
        "Comma-separated tasks or groups: sst2, qqp, mnli, qnli, rte, mrpc, trec (coarse and fine), anli (all rounds), any task name such as trec-fine or anli-r2, or all.",
        valueName: "list"))
    var tasks = "all"

    @Option(help: ArgumentHelp("Data directory to write (created when missing).", valueName: "dir"))
    var out = "data"

    @Option(help: ArgumentHelp(
        "Read the raw files from a local folder or an http(s) base URL laid out like ../shared/data (TREC/, SST-2/, RTE/, MRPC/, …, or the GLUE/ANLI zips by their canonical names) instead of the canonical servers.",
        valueName: "dir-or-url"))
    var mirror: String?

    @Flag(help: "Fetch and rebuild even when the files on disk are valid.")
    var force = false

    func validate() throws {
        do {
            _ = try DownloadGroup.resolve(tasks)
            _ = try DataSource(mirror: mirror)
        } catch let error as DataError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let downloader = DatasetDownloader(
            dataDirectory: URL(fileURLWithPath: out, isDirectory: true),
            source: try DataSource(mirror: mirror), force: force, progress: ProgressLine.show)
        var failures = 0
        for group in try DownloadGroup.resolve(tasks) {
            let outcome = downloader.download(group)
            ProgressLine.finish()
            switch outcome {
            case .written(let files):
                let counts = files.map { "\($0.file) \($0.rows)" }.joined(separator: ", ")
                print("\(group.rawValue): ok (\(counts))")
            case .skipped:
                print("\(group.rawValue): already valid, skipped (use --force to rebuild)")
            case .failed(let error):
                failures += 1
                print("\(group.rawValue): FAILED: \(error)")
            }
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("Error: \(failures) task group(s) failed\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Download progress on standard error: on a terminal one line that rewrites itself in
/// place; elsewhere (logs, pipes) only each download's final line.
enum ProgressLine {
    /// Whether standard error is a terminal.
    private static let isTerminal = isatty(STDERR_FILENO) == 1
    /// Whether a line is on screen that still needs its newline.
    nonisolated(unsafe) private static var pending = false

    /// Shows `text`, replacing the previous progress line; `final` ends a download.
    static func show(_ text: String, final: Bool) {
        if isTerminal {
            FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
            pending = !final
            if final { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if final {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    /// Ends a progress line left open by a failed download.
    static func finish() {
        if pending {
            FileHandle.standardError.write(Data("\n".utf8))
            pending = false
        }
    }
}
