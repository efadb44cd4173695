import Foundation

/// What a stage ended with.
public struct StageResult: Sendable {
    /// True when an identical finished run was found and nothing ran.
    public var skipped: Bool
    public var runID: Int64?
    /// Best accuracy on the selection split, and the reported test accuracy where it differs (ANLI).
    public var bestAccuracy: Double
    public var bestTestAccuracy: Double?
    public var wallSeconds: Double
    public var examplesPerSecond: Double
    public var steps: Int
    /// TMix and Manifold Mixup: how often each layer was drawn (empty for other methods).
    public var layerCounts: [Int: Int] = [:]
}
