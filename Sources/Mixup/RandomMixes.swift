/// How long the random span of `ssmix-no-saliency` is.
public enum SpanWidth: Equatable, Sendable {
    /// max(⌊n·w/100⌋, 1) tokens for a target with n content tokens.
    case percent(Int)
    /// A uniform length in 0..<L for a target of L tokens (`--ss_winsize -1`).
    case random

    /// The width `--ss_winsize` asks for: −1 means random, anything else a percentage.
    public init(windowPercent: Int) {
        self = windowPercent == -1 ? .random : .percent(windowPercent)
    }
}

/// The mixing rules that draw random positions instead of using saliency: the two SSMix
/// ablations and UNK (reference §5.4–5.6). Every draw goes through a `MixRandomSource`, in the
/// released code's order.
public struct RandomMixer: Sendable {
    /// The three random rules.
    public enum Rule: Equatable, Sendable {
        /// `ssmix-no-saliency`: a random span, copied from the same positions of the source.
        case randomSpan(SpanWidth)
        /// `ssmix-no-saliency-no-span`: random distinct positions, copied position for position.
        case randomTokens(percent: Int)
        /// `unk`: random distinct content positions become `[UNK]`; λ = 1.
        case unknownTokens(percent: Int)
    }

    /// The rule applied.
    public var rule: Rule
    /// Special ids: `[UNK]` for UNK, `[SEP]` to end a capped target.
    public var specialTokens: SpecialTokens

    /// A mixer for `rule`.
    public init(rule: Rule, specialTokens: SpecialTokens) {
        self.rule = rule
        self.specialTokens = specialTokens
    }

    /// The mixer of a method, or `nil` for methods that use saliency or mix inside the model.
    ///
    /// - Parameters:
    ///   - windowPercent: `--ss_winsize` (−1 draws the no-saliency span length at random).
    ///   - unkPercent: `--unk_winsize`.
    public init?(method: MixMethod, windowPercent: Int = 10, unkPercent: Int = 10,
                 specialTokens: SpecialTokens) {
        switch method {
        case .ssmixNoSaliency: self.init(rule: .randomSpan(SpanWidth(windowPercent: windowPercent)), specialTokens: specialTokens)
        case .ssmixNoSaliencyNoSpan: self.init(rule: .randomTokens(percent: windowPercent), specialTokens: specialTokens)
        case .unk: self.init(rule: .unknownTokens(percent: unkPercent), specialTokens: specialTokens)
        case .normal, .ssmix, .embedmix, .tmix, .wordmix, .senmix, .manifold: return nil
        }
    }

    /// Mixes `source` into `target` (UNK ignores the source).
    ///
    /// The target is first capped to `maxLength` tokens (128 single, 64 per pair segment). An
    /// empty target is returned unmixed with λ = 1 and draws nothing.
    public func mix<Random: MixRandomSource>(target: TokenRow, source: TokenRow, maxLength: Int = 128,
                                             random: inout Random) -> MixedRow {
        let capped = target.capped(at: maxLength, sep: specialTokens.sep)
        guard capped.contentLength > 0 else { return .unmixed(capped) }
        switch rule {
        case .randomSpan(let width):
            return Self.randomSpan(target: capped, source: source, width: width, random: &random)
        case .randomTokens(let percent):
            return Self.randomTokens(target: capped, source: source, percent: percent, random: &random)
        case .unknownTokens(let percent):
            return Self.unknownTokens(target: capped, percent: percent, unk: specialTokens.unk, random: &random)
        }
    }

    /// Both directions of a pair task: split, mix each segment (targets capped at 64), merge.
    /// These rules never alias lengths.
    public func mixPair<Random: MixRandomSource>(a: TokenRow, b: TokenRow, random: inout Random) -> PairMixResult {
        PairSegments.mixBothDirections(a: a, b: b) { _, target, source in
            mix(target: target, source: source, maxLength: PairSegments.segmentMaxLength, random: &random)
        }
    }

    /// §5.4: a span of w tokens starting at a random index (0 allowed) is copied from the same
    /// index of the source, ids and token types. No mix when the source is too short.
    static func randomSpan<Random: MixRandomSource>(target: TokenRow, source: TokenRow, width: SpanWidth,
                                                    random: inout Random) -> MixedRow {
        let length = target.length
        let span: Int
        switch width {
        case .random: span = random.randrange(0, length)
        case .percent(let percent): span = MixSize.tokens(contentLength: target.contentLength, percent: percent)
        }
        guard source.length > span else { return .unmixed(target) }
        let start = random.randrange(0, length - span)
        guard start <= source.length - span else { return .unmixed(target) }

        var output = target
        let positions = start..<start + span
        output.ids.replaceSubrange(positions, with: source.ids[positions])
        output.types.replaceSubrange(positions, with: source.types[positions])
        return MixedRow(row: output,
                        lambda: MixSize.labelWeight(replaced: span, contentLength: target.contentLength),
                        replacedPositions: Array(positions))
    }

    /// §5.5: m distinct positions from the content range both rows share get the source's ids.
    static func randomTokens<Random: MixRandomSource>(target: TokenRow, source: TokenRow, percent: Int,
                                                      random: inout Random) -> MixedRow {
        let count = min(MixSize.tokens(contentLength: target.contentLength, percent: percent),
                        source.contentLength)
        let positions = random.sample(from: 1, to: min(target.length, source.length) - 1, count: count)
        var output = target
        for position in positions { output.ids[position] = source.ids[position] }
        return MixedRow(row: output,
                        lambda: MixSize.labelWeight(replaced: positions.count, contentLength: target.contentLength),
                        replacedPositions: positions.sorted())
    }

    /// §5.6: m distinct content positions become `[UNK]`; the label stays (λ = 1).
    static func unknownTokens<Random: MixRandomSource>(target: TokenRow, percent: Int, unk: Int32,
                                                       random: inout Random) -> MixedRow {
        let count = MixSize.tokens(contentLength: target.contentLength, percent: percent)
        let positions = random.sample(from: 1, to: target.length - 1, count: count)
        var output = target
        for position in positions { output.ids[position] = unk }
        return MixedRow(row: output, lambda: 1, replacedPositions: positions.sorted())
    }
}
