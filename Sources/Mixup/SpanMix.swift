/// SSMix with saliency: the least salient span of the target is replaced by the most salient
/// span of the source, of the same length.
///
/// Rules of the released code (reference §5.1): span length s = max(⌊n·w/100⌋, 1) from the
/// target's content length n; windows of length s are ranked by their mean saliency; the first
/// and the last window of each row are never chosen (for a source with at most two windows both
/// are excluded and window 0 wins, so its `[CLS]` is copied); λ = 1 − s/n. Only ids change; the
/// target keeps its length and token types.
public struct SaliencySpanMix: Sendable {
    /// Span length as a percentage of the target's content length (`--ss_winsize`, default 10).
    public var windowPercent: Int
    /// Special ids; `sep` ends a capped target.
    public var specialTokens: SpecialTokens

    /// A mixer with the given window percentage.
    public init(windowPercent: Int = 10, specialTokens: SpecialTokens) {
        self.windowPercent = windowPercent
        self.specialTokens = specialTokens
    }

    /// Mixes `source` into `target`.
    ///
    /// - Parameters:
    ///   - target: the example that keeps its shape and label weight λ.
    ///   - source: the donor.
    ///   - targetSaliency: one value per token of the target capped to `maxLength`.
    ///   - sourceSaliency: one value per donor position that may be used (see `sourceLength`).
    ///   - maxLength: the target is capped to this many tokens first (128 single, 64 per pair segment).
    ///   - sourceLength: how many leading source positions the donor windows may cover; `nil`
    ///     means the whole source. The pair rule passes 64 to replicate the released code's
    ///     length aliasing.
    /// - Returns: the mixed row; an empty target, or a source shorter than the span, is returned
    ///   unmixed with λ = 1.
    public func mix(target: TokenRow, source: TokenRow,
                    targetSaliency: [Float], sourceSaliency: [Float],
                    maxLength: Int = 128, sourceLength: Int? = nil) throws -> MixedRow {
        try mix(target: target, source: source, targetSaliency: targetSaliency,
                sourceSaliency: sourceSaliency, maxLength: maxLength, sourceLength: sourceLength,
                segmentName: nil)
    }

    /// `mix` with the pair segment's name (e.g. `AB_left`) for error messages.
    func mix(target: TokenRow, source: TokenRow, targetSaliency: [Float], sourceSaliency: [Float],
             maxLength: Int, sourceLength: Int?, segmentName: String?) throws -> MixedRow {
        let prefix = segmentName.map { "\($0) " } ?? ""
        var output = target.capped(at: maxLength, sep: specialTokens.sep)
        let contentLength = output.contentLength
        guard contentLength > 0 else { return .unmixed(output) }

        let span = MixSize.tokens(contentLength: contentLength, percent: windowPercent)
        let donorLength = min(sourceLength ?? source.length, source.length)
        guard donorLength >= span else { return .unmixed(output) }

        guard targetSaliency.count >= output.length else {
            throw MixupError.saliencyTooShort(which: prefix + "target", values: targetSaliency.count,
                                              tokensNeeded: output.length)
        }
        guard sourceSaliency.count >= donorLength else {
            throw MixupError.saliencyTooShort(which: prefix + "source", values: sourceSaliency.count,
                                              tokensNeeded: donorLength)
        }

        let targetStart = Self.leastSalientWindow(targetSaliency, length: output.length, span: span)
        let sourceStart = Self.mostSalientWindow(sourceSaliency, length: donorLength, span: span)
        output.ids.replaceSubrange(targetStart..<targetStart + span,
                                   with: source.ids[sourceStart..<sourceStart + span])
        return MixedRow(row: output,
                        lambda: MixSize.labelWeight(replaced: span, contentLength: contentLength),
                        replacedPositions: Array(targetStart..<targetStart + span))
    }

    /// Start of the window with the lowest mean saliency, first and last window excluded
    /// (first index on ties).
    static func leastSalientWindow(_ saliency: [Float], length: Int, span: Int) -> Int {
        var means = windowMeans(saliency, length: length, span: span)
        means[0] = .infinity
        means[means.count - 1] = .infinity
        var best = 0
        for index in means.indices where means[index] < means[best] { best = index }
        return best
    }

    /// Start of the window with the highest mean saliency, first and last window excluded
    /// (first index on ties, so window 0 wins when every window is excluded).
    static func mostSalientWindow(_ saliency: [Float], length: Int, span: Int) -> Int {
        var means = windowMeans(saliency, length: length, span: span)
        means[0] = -.infinity
        means[means.count - 1] = -.infinity
        var best = 0
        for index in means.indices where means[index] > means[best] { best = index }
        return best
    }

    /// Mean saliency of every window `[j, j+span)` inside the first `length` positions, summed
    /// left to right in float32 and divided by the span, as `avg_pool1d` does.
    static func windowMeans(_ saliency: [Float], length: Int, span: Int) -> [Float] {
        let divisor = Float(span)
        return saliency.withUnsafeBufferPointer { values in
            (0...(length - span)).map { start in
                var sum: Float = 0
                for position in start..<start + span { sum += values[position] }
                return sum / divisor
            }
        }
    }
}
