/// The two standalone segments of a packed pair `[CLS] a [SEP] b [SEP]`.
public struct SegmentPair: Equatable, Sendable {
    /// `[CLS] a [SEP]`, token type 0.
    public var left: TokenRow
    /// `[CLS] b [SEP]`, token type 1 on every position, `[CLS]` included.
    public var right: TokenRow

    /// A pair of segments.
    public init(left: TokenRow, right: TokenRow) {
        self.left = left
        self.right = right
    }
}

/// The four segment mixes of a pair, in the released code's call order.
public enum PairSegmentName: String, CaseIterable, Sendable {
    /// Left segment of A ← left segment of B.
    case abLeft = "AB_left"
    /// Right segment of A ← right segment of B.
    case abRight = "AB_right"
    /// Left segment of B ← left segment of A.
    case baLeft = "BA_left"
    /// Right segment of B ← right segment of A.
    case baRight = "BA_right"
}

/// One direction of a mixed pair: both segment mixes and their merge.
public struct PairDirectionMix: Equatable, Sendable {
    /// The mixed left segment.
    public var left: MixedRow
    /// The mixed right segment (still starting with its own `[CLS]`).
    public var right: MixedRow
    /// `[CLS] a' [SEP] b' [SEP]` with the content-length weighted λ.
    public var merged: MixedRow

    /// Both segments and their merge.
    public init(left: MixedRow, right: MixedRow) {
        self.left = left
        self.right = right
        self.merged = PairSegments.merge(left: left, right: right)
    }
}

/// Both directions of a mixed pair: A ← B (λ weighs A's label) and B ← A (λ weighs B's label).
public struct PairMixResult: Equatable, Sendable {
    /// A ← B.
    public var ab: PairDirectionMix
    /// B ← A.
    public var ba: PairDirectionMix

    /// Both directions.
    public init(ab: PairDirectionMix, ba: PairDirectionMix) {
        self.ab = ab
        self.ba = ba
    }
}

/// Pair tasks are mixed segment by segment (reference §5.3): split each packed pair, mix the
/// left segments and the right segments separately (targets capped at 64 tokens), then merge.
public enum PairSegments {
    /// The segment cap of the released code: half of the 128-token sequence.
    public static let segmentMaxLength = 64

    /// Splits a packed pair: tokens of type 1 (`b [SEP]`) become the right segment behind a copy
    /// of the leading `[CLS]`; the rest is the left segment.
    public static func split(_ packed: TokenRow) -> SegmentPair {
        guard let cls = packed.ids.first else {
            return SegmentPair(left: packed, right: packed)
        }
        var leftIDs: [Int32] = [], leftTypes: [Int32] = [], rightIDs: [Int32] = [cls]
        for (id, type) in zip(packed.ids, packed.types) {
            if type == 1 {
                rightIDs.append(id)
            } else {
                leftIDs.append(id)
                leftTypes.append(type)
            }
        }
        return SegmentPair(left: TokenRow(ids: leftIDs, types: leftTypes),
                           right: TokenRow(ids: rightIDs, types: Array(repeating: 1, count: rightIDs.count)))
    }

    /// Merges two mixed segments into `[CLS] a' [SEP] b' [SEP]`: the left row, then the right
    /// row without its `[CLS]` as token type 1. λ is the content-length weighted mean of the
    /// segments' λ (see `aggregateLambda`).
    public static func merge(left: MixedRow, right: MixedRow) -> MixedRow {
        let rightTokens = right.row.ids.dropFirst()
        let row = TokenRow(ids: left.row.ids + rightTokens,
                           types: Array(repeating: 0, count: left.row.length)
                               + Array(repeating: 1, count: rightTokens.count))
        let shift = left.row.length - 1
        let replaced = left.replacedPositions + right.replacedPositions.filter { $0 > 0 }.map { $0 + shift }
        let lambda = aggregateLambda(left: left.lambda, leftContentLength: left.row.contentLength,
                                     right: right.lambda, rightContentLength: right.row.contentLength)
        return MixedRow(row: row, lambda: lambda, replacedPositions: replaced)
    }

    /// λ of a merged pair in float32 as the released code computes it:
    /// q = cL/(cL+cR); λ = λL·q + λR·(1−q). Two empty segments give λ = 1.
    public static func aggregateLambda(left: Float, leftContentLength: Int,
                                       right: Float, rightContentLength: Int) -> Float {
        let total = leftContentLength + rightContentLength
        guard total > 0 else { return 1 }
        let leftShare = Float(leftContentLength) / Float(total)
        return left * leftShare + right * (1 - leftShare)
    }

    /// Splits both pairs and mixes their segments in the released code's order (AB_left,
    /// AB_right, BA_left, BA_right), then merges each direction.
    ///
    /// `mixSegment` receives the segment name, the target segment (uncapped) and the source
    /// segment; capping the target is its job.
    public static func mixBothDirections(
        a: TokenRow, b: TokenRow,
        mixSegment: (PairSegmentName, _ target: TokenRow, _ source: TokenRow) throws -> MixedRow
    ) rethrows -> PairMixResult {
        let segmentsA = split(a), segmentsB = split(b)
        let abLeft = try mixSegment(.abLeft, segmentsA.left, segmentsB.left)
        let abRight = try mixSegment(.abRight, segmentsA.right, segmentsB.right)
        let baLeft = try mixSegment(.baLeft, segmentsB.left, segmentsA.left)
        let baRight = try mixSegment(.baRight, segmentsB.right, segmentsA.right)
        return PairMixResult(ab: PairDirectionMix(left: abLeft, right: abRight),
                             ba: PairDirectionMix(left: baLeft, right: baRight))
    }
}
