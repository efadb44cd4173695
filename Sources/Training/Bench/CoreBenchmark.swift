import Autodiff
import Foundation
import Records

/// `ssmix-exp bench core`: sgemm throughput at BERT-like shapes and the forward+backward time of
/// every autodiff op a training step runs, at one activation shape.
public enum CoreBenchmark {
    /// One sgemm measurement.
    public struct GemmRow: Sendable, Codable {
        public var m: Int, n: Int, k: Int
        public var gflops: Double
        public var secondsMedian: Double
    }

    /// One op measurement (forward and backward, median seconds).
    public struct OpRow: Sendable, Codable {
        public var op: String
        public var forwardMs: Double
        public var forwardBackwardMs: Double
    }

    /// sgemm `C[m×n] = A[m×k]·B[k×n]` throughput, as 2mnk / median time.
    public static func gemm(m: Int, n: Int, k: Int, repetitions: Int = 10) throws -> GemmRow {
        var rng = SeededRNG(seed: 1)
        let a = try Tensor(shape: [m, k], values: (0..<(m * k)).map { _ in Float.random(in: -1..<1, using: &rng) })
        let b = try Tensor(shape: [k, n], values: (0..<(k * n)).map { _ in Float.random(in: -1..<1, using: &rng) })
        let tape = Tape()
        let timing = try Timing.measure(warmup: 2, repetitions: repetitions) { _ = try tape.matmul(a, b) }
        return GemmRow(m: m, n: n, k: k, gflops: 2 * Double(m * n * k) / timing.median / 1e9, secondsMedian: timing.median)
    }

    /// Forward and forward+backward time of each op a training step runs (the encoder's, the mixes'
    /// and the losses'), on activations `[batch, tokens, hidden]`.
    public static func ops(batch: Int, tokens: Int, hidden: Int, repetitions: Int = 10) throws -> [OpRow] {
        var rng = SeededRNG(seed: 2)
        func random(_ shape: [Int]) throws -> Tensor {
            try Tensor(shape: shape, values: (0..<shape.product).map { _ in Float.random(in: -1..<1, using: &rng) }, requiresGrad: true)
        }
        let heads = 12, rows = batch * tokens
        let x = try random([batch, tokens, hidden]), y = try random([batch, tokens, hidden])
        let weight = try random([4 * hidden, hidden]), bias = try random([4 * hidden])
        let gamma = try random([hidden]), beta = try random([hidden])
        let q = try random([batch, tokens, hidden]), k = try random([batch, tokens, hidden]), v = try random([batch, tokens, hidden])
        let mask = try Tensor(shape: [batch, tokens], values: (0..<(batch * tokens)).map { $0 % tokens < tokens - 4 ? 0 : -10_000 })
        let table = try random([30522, hidden])
        let ids = (0..<rows).map { _ in Int32.random(in: 0..<30522, using: &rng) }
        let logits = try random([batch, 6]), labels = (0..<batch).map { Int32($0 % 6) }
        let otherLabels = labels.reversed() as [Int32], lambdas = [Float](repeating: 0.7, count: batch)
        let alpha = 1 / Float(hidden / heads).squareRoot()
        let cases: [(String, (Tape) throws -> Tensor)] = [
            ("linear 384→1536 (matmul)", { try $0.matmul(x, weight, transposeB: true) }),
            ("attention (fused, masked, dropout 0.1)", {
                var r = SeededRNG(seed: 4)
                return try $0.attention(q: q, k: k, v: v, heads: heads, additiveMask: mask, alpha: alpha, dropout: 0.1, using: &r)
            }),
            ("addBias", { try $0.addBias($0.reshape(x, [rows / 4, 4 * hidden]), bias) }),
            ("add", { try $0.add(x, y) }),
            ("scale", { $0.scale(x, 0.5) }),
            ("gelu", { $0.gelu(x) }),
            ("tanh", { $0.tanh(x) }),
            ("layerNorm", { try $0.layerNorm(x, gamma: gamma, beta: beta, eps: 1e-12) }),
            ("embedding gather", { try $0.embedding(table, ids: ids, outerShape: [batch, tokens]) }),
            ("dropout", { var r = SeededRNG(seed: 3); return try $0.dropout(x, p: 0.1, using: &r) }),
            ("mix (EmbedMix/TMix)", { try $0.mix(x, y, lambdas: [0.7]) }),
            ("crossEntropy", { try $0.crossEntropy(logits, labels: labels) }),
            ("weightedCrossEntropy (mixup)", { try $0.weightedCrossEntropy(logits, labels: labels, otherLabels: otherLabels, lambdas: lambdas) }),
        ]
        return try cases.map { name, op in
            let forward = try Timing.measure(warmup: 1, repetitions: repetitions) { _ = try op(Tape()) }
            let both = try Timing.measure(warmup: 1, repetitions: repetitions) {
                let tape = Tape()
                let out = try op(tape)
                try tape.backward(from: out, gradient: [Float](repeating: 1, count: out.count))
            }
            return OpRow(op: name, forwardMs: forward.median * 1e3, forwardBackwardMs: both.median * 1e3)
        }
    }
}
