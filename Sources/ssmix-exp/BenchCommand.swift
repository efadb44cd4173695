import ArgumentParser
import Autodiff
import BERT
import Plans
import Records
import Reports
import Training
import Foundation

/// `ssmix-exp bench`: performance measurements (never part of the unit tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed: sgemm and per-op timings, training steps, evaluation and saliency passes.",
        subcommands: [BenchCoreCommand.self, BenchTrainCommand.self, BenchEvalCommand.self, BenchSaliencyCommand.self]
    )
}

/// `ssmix-exp bench core`.
struct BenchCoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "sgemm GFLOP/s at BERT-like shapes and forward+backward time of each op.",
        discussion: "Threads: OPENBLAS_NUM_THREADS sets the compute threads (default: all cores)."
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

/// Options of `bench train|eval|saliency`.
struct BenchModelOptions: ParsableArguments {
    @Option(help: "Model directory; ignored with --random-shape.") var model = "models/all-MiniLM-L6-v2"
    @Option(help: "Use random weights of a shape instead: base (12 layers × 768).") var randomShape: String?
    @Option(help: "Examples per batch.") var batch = 32
    @Option(help: "Real tokens per example, [CLS] and [SEP] included.") var length = 32
    @Option(help: "Timed repetitions.") var steps = 5
    @Option(help: "Untimed repetitions first.") var warmup = 1
    @Option(help: "Number format of the dense layers' products: fp32 or bf16 (needs AVX512-BF16), as in train-normal.")
    var precision = Precision.fp32
    @Flag(help: "One JSON object per configuration.") var json = false

    func validate() throws {
        guard batch > 0, (3...512).contains(length), steps > 0, warmup >= 0 else {
            throw ValidationError("--batch and --steps must be positive, --length in 3…512")
        }
        if let randomShape, randomShape != "base" { throw ValidationError("--random-shape takes base") }
    }

    /// Measures `kind` and prints the result.
    func run(_ kind: ModelBenchmark.Kind) throws {
        let classifier: BertClassifier
        if randomShape != nil {
            let config = BertConfig(hiddenSize: 768, numHiddenLayers: 12, numAttentionHeads: 12, intermediateSize: 3072)
            classifier = try BertClassifier(config: config, numLabels: 6, std: 0.02, seed: 1, headRNG: SeededRNG(seed: 2))
        } else {
            classifier = try ModelDirectory(URL(fileURLWithPath: model)).loadClassifier(numLabels: 6, headRNG: SeededRNG(seed: 2))
        }
        let r = try ModelBenchmark.run(kind, model: classifier, batch: batch, length: length, steps: steps, warmup: warmup,
                                       precision: precision)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
        } else {
            print(String(format: "%@ %@ batch %d × %d tokens: median %.3f s (min %.3f), %.0f tokens/s, %.1f GFLOP/s; forward %.3f s, backward %.3f s, optimizer %.3f s; peak RSS %.0f MiB",
                         r.kind, r.precision, r.batch, r.length, r.seconds_median, r.seconds_min, r.tokens_per_s_median, r.gflops_median,
                         r.forward_s_median, r.backward_s_median, r.optimizer_s_median, r.peak_rss_mib))
        }
    }
}

/// `ssmix-exp bench train`.
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time full training steps (forward, loss, backward, AdamW) on a synthetic batch.",
        discussion: """
        GFLOP/s count the encoder's products: 3 × those of the forward pass for a training step \
        (docs/performance.md gives the formula).

        Example:
          ssmix-exp bench train --batch 32 --length 128
        """
    )
    @OptionGroup var options: BenchModelOptions
    func run() throws { try options.run(.train) }
}

/// `ssmix-exp bench eval`.
struct BenchEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Time evaluation forward passes (no gradients) on a synthetic batch.",
        discussion: "Example:\n  ssmix-exp bench eval --batch 256 --length 32")
    @OptionGroup var options: BenchModelOptions
    func run() throws { try options.run(.eval) }
}

/// `ssmix-exp bench saliency`.
struct BenchSaliencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saliency", abstract: "Time SSMix saliency passes (gradient w.r.t. the embedding output only).",
        discussion: "Example:\n  ssmix-exp bench saliency --batch 32 --length 32")
    @OptionGroup var options: BenchModelOptions
    func run() throws { try options.run(.saliency) }
}
