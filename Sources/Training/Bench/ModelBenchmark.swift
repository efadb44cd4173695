import Autodiff
import BERT
import Foundation
import Mixup
import Records

/// `ssmix-exp bench train|eval|saliency`: one synthetic batch of `length` real tokens per example,
/// timed over several repetitions, with the forward / backward / optimizer split of a training step.
public enum ModelBenchmark {
    /// What is measured.
    public enum Kind: String, CaseIterable, Sendable {
        /// forward + cross-entropy + backward + AdamW, in train mode (dropout on).
        case train
        /// forward only, eval mode, no tape records.
        case eval
        /// the SSMix saliency pass: forward and the gradient w.r.t. the embedding output only.
        case saliency
    }

    /// One configuration's result.
    public struct Result: Codable, Sendable {
        public var kind: String
        /// The dense layers' product precision.
        public var precision: String
        public var batch: Int
        public var length: Int
        public var steps: Int
        public var seconds_min: Double
        public var seconds_median: Double
        public var tokens_per_s_median: Double
        public var gflops_median: Double
        public var forward_s_median: Double
        public var backward_s_median: Double
        public var optimizer_s_median: Double
        public var peak_rss_mib: Double
    }

    /// Floating-point operations of one forward pass over `batch` examples of `length` tokens:
    /// 2 per multiply-add of every dense layer (attention projections, feed-forward, pooler and
    /// head excluded as negligible) plus the attention products QKᵀ and PV (2·2·L²·H per layer).
    public static func forwardFLOPs(config: BertConfig, batch: Int, length: Int) -> Double {
        let h = Double(config.hiddenSize), i = Double(config.intermediateSize), l = Double(length)
        let perLayer = 2 * l * (4 * h * h + 2 * h * i) + 4 * l * l * h
        return Double(batch) * Double(config.numHiddenLayers) * perLayer
    }

    /// Runs `kind` on `model` `steps` times after `warmup` untimed repetitions, the dense layers'
    /// products in `precision`.
    public static func run(_ kind: Kind, model: BertClassifier, batch: Int, length: Int, steps: Int, warmup: Int,
                           precision: Precision = .fp32) throws -> Result {
        try precision.checkSupported()
        var rng = SeededRNG(seed: 42)
        let ids = (0..<batch).flatMap { _ in [101] + (0..<(length - 2)).map { _ in Int32.random(in: 1000..<29000, using: &rng) } + [102] }
        let tokens = try TokenBatch(size: batch, length: length, inputIds: ids, tokenTypeIds: [Int32](repeating: 0, count: batch * length),
                                    attentionMask: [Int32](repeating: 1, count: batch * length))
        let labels = (0..<batch).map { _ in Int32.random(in: 0..<Int32(model.numLabels), using: &rng) }
        let optimization = Optimization(model: model, settings: OptimizerSettings(learningRate: 1e-5), totalSteps: 1_000_000,
                                        warmupSteps: 0, dropoutRNG: rng.split("dropout"), precision: precision)
        var forward: [Double] = [], backward: [Double] = [], optimizer: [Double] = [], total: [Double] = []
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        for repetition in 0..<(warmup + steps) {
            var f = 0.0, b = 0.0, o = 0.0
            switch kind {
            case .train:
                let ctx = optimization.makeContext()
                var loss: Tensor?
                f = seconds(try clock.measure { loss = try ctx.tape.crossEntropy(model.logits(tokens, ctx), labels: labels) })
                b = seconds(try clock.measure {
                    optimization.zeroGradients()
                    try optimization.backward(from: loss!, on: ctx.tape)
                })
                o = seconds(clock.measure { _ = optimization.step(loss: 0) })
            case .eval:
                f = seconds(try clock.measure {
                    _ = try model.logits(tokens, ForwardContext(tape: Tape(computesParameterGradients: false), training: false, precision: precision))
                })
            case .saliency:
                f = seconds(try clock.measure {
                    let ctx = ForwardContext(tape: Tape(computesParameterGradients: false), training: true, precision: precision)
                    _ = try Saliency.compute(model: model, batch: tokens, labels: labels, ctx)
                })
            }
            guard repetition >= warmup else { continue }
            forward.append(f); backward.append(b); optimizer.append(o); total.append(f + b + o)
        }
        let timing = Timing(seconds: total)
        let multiplier: Double = kind == .train ? 3 : kind == .saliency ? 2 : 1
        let flops = multiplier * forwardFLOPs(config: model.config, batch: batch, length: length)
        return Result(kind: kind.rawValue, precision: precision.rawValue, batch: batch, length: length, steps: steps, seconds_min: timing.min,
                      seconds_median: timing.median, tokens_per_s_median: Double(batch * length) / timing.median,
                      gflops_median: flops / timing.median / 1e9, forward_s_median: Timing(seconds: forward).median,
                      backward_s_median: Timing(seconds: backward).median, optimizer_s_median: Timing(seconds: optimizer).median,
                      peak_rss_mib: peakResidentMiB())
    }

    /// The process's peak resident memory (VmHWM), MiB; 0 where /proc is unavailable.
    public static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kib / 1024
    }
}
