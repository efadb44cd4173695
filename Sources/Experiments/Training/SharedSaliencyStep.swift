import Autodiff
import BERT
import Mixup

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
        let ctx = optimization.makeContext()
        model.parameters.zeroGradients()
        let (clean, saliency) = try Saliency.cleanPass(model: model, batch: Self.batch(a + b), labels: labelsA + labelsB,
                                                       lossScale: 0.5, ctx)
        optimization.absorb(ctx)
        let (mixedAB, mixedBA) = try mixes(a: a, b: b, salA: Array(saliency[0..<a.count]), salB: Array(saliency[a.count...]))
        show(targets: a, mixed: mixedAB)

        let mixedCtx = optimization.makeContext()
        let mixedRows = mixedAB + mixedBA
        let logits = try model.logits(Self.batch(mixedRows.map(\.row)), mixedCtx)
        optimization.absorb(mixedCtx)
        let mixed = try mixedCtx.tape.weightedCrossEntropy(logits, labels: labelsA + labelsB, otherLabels: labelsB + labelsA,
                                                           lambdas: mixedRows.map(\.lambda))
        return try optimization.finishStep(loss: mixedCtx.tape.scale(mixed, 0.5), tape: mixedCtx.tape, earlierLoss: clean)
    }

    /// mix(A←B) and mix(B←A) from one saliency vector per example.
    private func mixes(a: [TokenRow], b: [TokenRow], salA: [[Float]], salB: [[Float]]) throws -> ([MixedRow], [MixedRow]) {
        let mixer = SaliencySpanMix(windowPercent: settings.windowPercent)
        if !isPair {
            let ab = try a.indices.map { try mixer.mix(target: a[$0], source: b[$0], targetSaliency: salA[$0], sourceSaliency: salB[$0]) }
            let ba = try a.indices.map { try mixer.mix(target: b[$0], source: a[$0], targetSaliency: salB[$0], sourceSaliency: salA[$0]) }
            return (ab, ba)
        }
        let segmentsA = a.indices.map { Saliency.pairSegments(salA[$0], of: a[$0]) }
        let segmentsB = b.indices.map { Saliency.pairSegments(salB[$0], of: b[$0]) }
        let results = try a.indices.map { i in
            try mixer.mixPair(a: a[i], b: b[i],
                              saliencyAB: PairSaliency(targetLeft: segmentsA[i].left, targetRight: segmentsA[i].right,
                                                       sourceLeft: segmentsB[i].left, sourceRight: segmentsB[i].right),
                              saliencyBA: PairSaliency(targetLeft: segmentsB[i].left, targetRight: segmentsB[i].right,
                                                       sourceLeft: segmentsA[i].left, sourceRight: segmentsA[i].right),
                              lengthAliasing: lengthAliasing)
        }
        return (results.map(\.ab.merged), results.map(\.ba.merged))
    }
}
