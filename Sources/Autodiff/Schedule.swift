/// Linear warm-up then linear decay to zero (transformers' `get_linear_schedule_with_warmup`).
///
/// The multiplier at scheduler step k is k/max(1, warmup) for k < warmup and
/// max(0, (total − k)/max(1, total − warmup)) after. The scheduler steps after every optimizer
/// step, so optimizer step t (1-based) uses the multiplier at k = t − 1: the first update has lr 0.
public struct LinearWarmupSchedule: Equatable, Sendable {
    /// The peak learning rate.
    public let baseLR: Double
    /// Total optimizer steps and warm-up steps.
    public let totalSteps: Int, warmupSteps: Int

    /// A schedule over `totalSteps` with `warmupSteps` of warm-up.
    public init(baseLR: Double, totalSteps: Int, warmupSteps: Int) {
        self.baseLR = baseLR; self.totalSteps = totalSteps; self.warmupSteps = warmupSteps
    }

    /// The released code's warm-up: 10% of the total, rounded down.
    public init(baseLR: Double, totalSteps: Int) {
        self.init(baseLR: baseLR, totalSteps: totalSteps, warmupSteps: totalSteps / 10)
    }

    /// The multiplier at scheduler step `k` (0-based).
    public func multiplier(atSchedulerStep k: Int) -> Double {
        if k < warmupSteps { return Double(k) / Double(max(1, warmupSteps)) }
        return max(0, Double(totalSteps - k) / Double(max(1, totalSteps - warmupSteps)))
    }

    /// The learning rate used by optimizer step `t` (1-based).
    public func learningRate(forOptimizerStep t: Int) -> Double { baseLR * multiplier(atSchedulerStep: t - 1) }
}
