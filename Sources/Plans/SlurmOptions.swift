import Foundation

/// The sbatch settings of a Slurm submission.
public struct SlurmOptions: Sendable {
    public var partition: String?
    /// Wall-time limit per array task (`--time`); nil: from the cells' estimates.
    public var time: String?
    public var cpusPerTask: Int
    public var memory: String?
    public var account: String?
    /// Further `#SBATCH` arguments, each as given (e.g. `--qos=long`).
    public var extraArguments: [String]

    public init(partition: String? = nil, time: String? = nil, cpusPerTask: Int = 2, memory: String? = nil, account: String? = nil,
                extraArguments: [String] = []) {
        self.partition = partition; self.time = time; self.cpusPerTask = cpusPerTask; self.memory = memory
        self.account = account; self.extraArguments = extraArguments
    }
}

/// One Slurm job array: its name, its cells in array-index order, and the array it waits for.
public struct SlurmArray: Sendable, Equatable {
    /// `normal` or a mixup method.
    public let name: String
    /// Cell ids; array task i runs cell i.
    public let cells: [String]
    /// `normal` for a mixup array (task i waits for normal task i: `aftercorr`), nil for the normal array.
    public let waitsFor: String?
}
