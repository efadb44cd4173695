import Foundation
import Records

/// Problems that stop a training run before or while it works.
public enum TrainingError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case invalidSetting(String)
    case noTrainingData(task: String)

    public var description: String {
        switch self {
        case let .invalidSetting(message): return message
        case let .noTrainingData(task): return "\(task): no training examples (check --max-train-examples and the data files)"
        }
    }

    public var errorDescription: String? { description }
}
