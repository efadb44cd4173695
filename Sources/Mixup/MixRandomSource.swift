/// The random draws of the no-saliency ablations and UNK, shaped like the Python calls of the
/// released code so that recorded draws can be replayed.
public protocol MixRandomSource {
    /// A uniform integer in `lower..<upper` (Python `random.randrange(lower, upper)`).
    mutating func randrange(_ lower: Int, _ upper: Int) -> Int
    /// `count` distinct integers from `lower..<upper`, in draw order
    /// (Python `random.sample(range(lower, upper), count)`).
    mutating func sample(from lower: Int, to upper: Int, count: Int) -> [Int]
}

/// Draws from any seeded `RandomNumberGenerator`, so a run is a function of its seed.
public struct SeededMixRandom<Generator: RandomNumberGenerator>: MixRandomSource {
    /// The generator every draw comes from.
    public var generator: Generator

    /// A source over `generator`.
    public init(generator: Generator) {
        self.generator = generator
    }

    /// A uniform integer in `lower..<upper`; `lower` when the range is empty.
    public mutating func randrange(_ lower: Int, _ upper: Int) -> Int {
        guard upper > lower else { return lower }
        return Int.random(in: lower..<upper, using: &generator)
    }

    /// `count` distinct integers from `lower..<upper` by a partial Fisher–Yates shuffle; never
    /// more than the range holds.
    public mutating func sample(from lower: Int, to upper: Int, count: Int) -> [Int] {
        var pool = Array(lower..<max(lower, upper))
        let drawn = min(max(count, 0), pool.count)
        for index in 0..<drawn {
            pool.swapAt(index, Int.random(in: index..<pool.count, using: &generator))
        }
        return Array(pool.prefix(drawn))
    }
}
