import Autodiff
import BERT
import Mixup
import Records

extension MixupStep {
    /// An SSMix step with shared saliency (``SaliencyMode/shared``): the clean rows [A; B] run
    /// forward and backward first (half of the step's loss), the gradient that backward leaves on
    /// the embedding output gives every example's saliency, the mixed rows are built from it, and
    /// their forward and backward add the other half before the one optimizer step.
    ///
    /// Each example's clean loss depends on its own embedding row only, so the gradient of the mean
    /// clean loss w.r.t. example i's row is CE_i's gradient times a constant: the same ranking as a
    /// separate pass on the same weights and dropout noise. Both directions use this one saliency.
    /// Pairs are split by ``Saliency/pairSegments(_:of:)``.
    func sharedSaliencyStep(a: [TokenRow], b: [TokenRow], labelsA: [Int32], labelsB: [Int32],
                            _ optimization: Optimization) throws -> StepResult {
        let model = optimization.model
        optimization.zeroGradients()
        let ctx = optimization.makeContext()
        let (clean, saliency) = try Saliency.cleanPass(model: model, batch: Self.batch(a + b), labels: labelsA + labelsB,
                                                       lossScale: 0.5, ctx)
        let (mixedAB, mixedBA) = try mixes(a: a, b: b, salA: Array(saliency[0..<a.count]), salB: Array(saliency[a.count...]))
        show(targets: a, mixed: mixedAB)
        let tape = Tape()
        let mixed = try tape.scale(mixedLoss(mixedAB, mixedBA, labelsA: labelsA, labelsB: labelsB, optimization, tape: tape), 0.5)
        try optimization.backward(from: mixed, on: tape)
        return optimization.step(loss: Double(mixed.scalarValue) + Double(clean.scalarValue))
    }

    /// mix(A←B) and mix(B←A) from one saliency vector per example.
    private func mixes(a: [TokenRow], b: [TokenRow], salA: [[Float]], salB: [[Float]]) throws -> ([MixedRow], [MixedRow]) {
        if !isPair {
            return (try spanMixes(targets: a, sources: b, targetSaliency: salA, sourceSaliency: salB),
                    try spanMixes(targets: b, sources: a, targetSaliency: salB, sourceSaliency: salA))
        }
        let segmentsA = a.indices.map { Saliency.pairSegments(salA[$0], of: a[$0]) }
        let segmentsB = b.indices.map { Saliency.pairSegments(salB[$0], of: b[$0]) }
        return try pairSpanMixes(
            a: a, b: b,
            saliencyAB: a.indices.map { PairSaliency(targetLeft: segmentsA[$0].left, targetRight: segmentsA[$0].right,
                                                     sourceLeft: segmentsB[$0].left, sourceRight: segmentsB[$0].right) },
            saliencyBA: a.indices.map { PairSaliency(targetLeft: segmentsB[$0].left, targetRight: segmentsB[$0].right,
                                                     sourceLeft: segmentsA[$0].left, sourceRight: segmentsA[$0].right) })
    }
}
