/// How a label stored in the normalised files becomes one of a task's class names.
///
/// TREC's files store the full "COARSE:fine" label once; the three TREC tasks read it
/// through different views. Every other task uses the stored label as it is.
public enum LabelView: String, Sendable {
    /// The stored label is the class name.
    case whole
    /// The part before the colon ("DESC:manner" → "DESC").
    case coarsePrefix
    /// The part after the colon ("DESC:manner" → "manner"), as the datasets ≤ 2.4 loader did.
    case fineSuffix

    /// The class name this view sees in a stored label.
    public func className(of storedLabel: String) -> String {
        switch self {
        case .whole:
            return storedLabel
        case .coarsePrefix:
            return String(storedLabel.prefix { $0 != ":" })
        case .fineSuffix:
            guard let colon = storedLabel.firstIndex(of: ":") else { return storedLabel }
            return String(storedLabel[storedLabel.index(after: colon)...])
        }
    }
}

/// Everything the trainer needs to know about one classification task.
public struct TaskSpec: Sendable, Equatable {
    /// The task's name as used on the command line, in the database and in reports.
    public let name: String
    /// The `download-tsv` group that fetches this task's files (e.g. `trec`, `anli`).
    public let downloadGroup: String
    /// True for sentence-pair tasks (`[CLS] a [SEP] b [SEP]`).
    public let isPair: Bool
    /// Class names; a label's index in this list is the class id the model predicts.
    public let labelNames: [String]
    /// How stored labels map to `labelNames`.
    public let labelView: LabelView
    /// The split the model is trained on.
    public let trainSplit: String
    /// The split used to pick the best checkpoint.
    public let selectionSplit: String
    /// The split whose accuracy is reported.
    public let reportSplit: String
    /// Every split this task has, train included.
    public let splits: [String]
    /// The folder under the data directory that holds this task's own files.
    public let folder: String
    /// Folders whose train files are concatenated to form the training split (ANLI: all rounds).
    public let trainFolders: [String]

    /// The number of classes.
    public var labelCount: Int { labelNames.count }

    /// The class id of a label as stored in the normalised files, or nil when it is not one
    /// of this task's classes.
    public func labelIndex(ofStoredLabel storedLabel: String) -> Int? {
        labelNames.firstIndex(of: labelView.className(of: storedLabel))
    }

    /// The normalised files, relative to the data directory, that make up `split`, in order.
    public func relativeFiles(forSplit split: String) throws -> [String] {
        guard splits.contains(split) else {
            throw DataError.unknownSplit(task: name, split: split, known: splits)
        }
        let folders = split == trainSplit ? trainFolders : [folder]
        return folders.map { "\($0)/\(split).tsv" }
    }
}
