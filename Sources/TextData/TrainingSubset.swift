/// Which training examples a run uses.
public enum DataProtocol: String, Sendable, CaseIterable {
    /// The released code's behaviour: a seeded, shuffled 75% of the train split, rounded down
    /// to an even count; the other 25% is discarded.
    case paper
    /// The whole train split, in file order.
    case fixed
}

/// The training examples a run uses under `protocol`.
///
/// Under `.paper` this mirrors sklearn's default `train_test_split` as the released code calls
/// it: `nHeldOut = ceil(0.25·N)` examples are set aside and the remaining `N − nHeldOut` are
/// kept, in shuffled order, then the last one is dropped when the count is odd. The shuffle
/// is a Fisher–Yates driven by `generator`, so the same seed gives the same subset (both
/// stages of a run must pass generators seeded alike); numpy's own stream is not reproduced.
public func trainingSubset<Example, G: RandomNumberGenerator>(
    _ examples: [Example], protocol dataProtocol: DataProtocol, using generator: inout G
) -> [Example] {
    switch dataProtocol {
    case .fixed:
        return examples
    case .paper:
        let kept = paperSubsetCount(examples.count)
        var order = Array(examples.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.next(upperBound: UInt64(i + 1))))
        }
        let heldOut = (examples.count + 3) / 4
        return order[heldOut..<(heldOut + kept)].map { examples[$0] }
    }
}

/// How many of `count` training examples the `.paper` protocol keeps:
/// `count − ceil(count/4)`, rounded down to an even number.
public func paperSubsetCount(_ count: Int) -> Int {
    let kept = count - (count + 3) / 4
    return kept - kept % 2
}
