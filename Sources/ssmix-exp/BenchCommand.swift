import ArgumentParser
import Experiments
import Foundation

/// `ssmix-exp bench`: performance measurements (never part of the unit tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed: sgemm and per-op timings of the autodiff core.",
        subcommands: [BenchCoreCommand.self]
    )
}

/// `ssmix-exp bench core`.
struct BenchCoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "sgemm GFLOP/s at BERT-like shapes and forward+backward time of each op.",
        discussion: "Threads: OpenBLAS reads OPENBLAS_NUM_THREADS (default: all cores)."
    )

    @Option(help: "Batch size of the activations the ops run on.") var batch = 32
    @Option(help: "Tokens per example.") var tokens = 64
    @Option(help: "Hidden size.") var hidden = 384
    @Option(help: "Timed repetitions per measurement (the median is reported).") var repetitions = 10
    @Flag(help: "Print one JSON object per measurement instead of tables.") var json = false

    func validate() throws {
        guard batch > 0, tokens > 1, hidden > 0, hidden % 12 == 0 else {
            throw ValidationError("--batch and --tokens must be positive and --hidden a multiple of 12 (heads)")
        }
    }

    func run() throws {
        let shapes = [(4096, 1536, 384), (4096, 384, 1536), (4096, 384, 384), (4096, 1152, 384)]
        let gemms = try shapes.map { try CoreBenchmark.gemm(m: $0.0, n: $0.1, k: $0.2, repetitions: repetitions) }
        let ops = try CoreBenchmark.ops(batch: batch, tokens: tokens, hidden: hidden, repetitions: repetitions)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for row in gemms { print(String(decoding: try encoder.encode(row), as: UTF8.self)) }
            for row in ops { print(String(decoding: try encoder.encode(row), as: UTF8.self)) }
            return
        }
        print("sgemm (row-major, C = A·B)")
        print(pad("M×N×K", 20) + pad("GFLOP/s", 10) + "median ms")
        for g in gemms {
            print(pad("\(g.m)×\(g.n)×\(g.k)", 20) + pad(String(format: "%.1f", g.gflops), 10) + String(format: "%.2f", g.secondsMedian * 1e3))
        }
        print("\nops at [\(batch), \(tokens), \(hidden)] (median ms)")
        print(pad("op", 36) + pad("forward", 10) + "forward+backward")
        for o in ops {
            print(pad(o.op, 36) + pad(String(format: "%.3f", o.forwardMs), 10) + String(format: "%.3f", o.forwardBackwardMs))
        }
    }

    private func pad(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count + 1), withPad: " ", startingAt: 0) }
}
