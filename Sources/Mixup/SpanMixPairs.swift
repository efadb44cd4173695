/// The four saliency vectors one direction of a pair needs.
///
/// Target vectors score the target segment capped at 64 tokens; source vectors score the whole
/// donor segment.
public struct PairSaliency: Sendable {
    /// Saliency of the target's left segment.
    public var targetLeft: [Float]
    /// Saliency of the target's right segment.
    public var targetRight: [Float]
    /// Saliency of the source's left segment.
    public var sourceLeft: [Float]
    /// Saliency of the source's right segment.
    public var sourceRight: [Float]

    /// The four vectors of one direction.
    public init(targetLeft: [Float], targetRight: [Float], sourceLeft: [Float], sourceRight: [Float]) {
        self.targetLeft = targetLeft
        self.targetRight = targetRight
        self.sourceLeft = sourceLeft
        self.sourceRight = sourceRight
    }
}

extension SaliencySpanMix {
    /// SSMix of a pair task in both directions (reference §5.3).
    ///
    /// - Parameters:
    ///   - a: packed pair A (target of A ← B).
    ///   - b: packed pair B (target of B ← A).
    ///   - saliencyAB: saliency for A ← B (targets are A's segments).
    ///   - saliencyBA: saliency for B ← A (targets are B's segments).
    ///   - lengthAliasing: replicate the released code's in-place length clamp: in B ← A the
    ///     donor A's segments may only donate from their first 64 positions (and the window
    ///     ending at 63 counts as the last one). `false` lets donors use their whole length.
    public func mixPair(a: TokenRow, b: TokenRow, saliencyAB: PairSaliency, saliencyBA: PairSaliency,
                        lengthAliasing: Bool = true) throws -> PairMixResult {
        let cap = PairSegments.segmentMaxLength
        return try PairSegments.mixBothDirections(a: a, b: b) { name, target, source in
            let saliency: (target: [Float], source: [Float])
            switch name {
            case .abLeft: saliency = (saliencyAB.targetLeft, saliencyAB.sourceLeft)
            case .abRight: saliency = (saliencyAB.targetRight, saliencyAB.sourceRight)
            case .baLeft: saliency = (saliencyBA.targetLeft, saliencyBA.sourceLeft)
            case .baRight: saliency = (saliencyBA.targetRight, saliencyBA.sourceRight)
            }
            let donorIsClampedA = lengthAliasing && (name == .baLeft || name == .baRight)
            return try mix(target: target, source: source,
                           targetSaliency: saliency.target, sourceSaliency: saliency.source,
                           maxLength: cap, sourceLength: donorIsClampedA ? cap : nil,
                           segmentName: name.rawValue)
        }
    }
}
