/// The tasks of the SSMix paper, with their label sets and splits (reference §2).
public enum TaskRegistry {
    /// Labels of the binary GLUE tasks stored as 0/1 (SST-2, MRPC, QQP).
    static let binaryLabels = ["0", "1"]
    /// Labels of the two-way entailment tasks (RTE, QNLI).
    static let twoWayNLILabels = ["entailment", "not_entailment"]
    /// Labels of the three-way entailment tasks (MNLI, ANLI), in the GLUE/HF order.
    static let threeWayNLILabels = ["entailment", "neutral", "contradiction"]

    /// Every task, in the order of the paper's tables.
    public static let all: [TaskSpec] = [
        glue("sst2", isPair: false, labels: binaryLabels),
        glue("qqp", isPair: true, labels: binaryLabels),
        TaskSpec(name: "mnli", downloadGroup: "mnli", isPair: true, labelNames: threeWayNLILabels,
                 labelView: .whole, trainSplit: "train", selectionSplit: "dev_matched",
                 reportSplit: "dev_matched", splits: ["train", "dev_matched", "dev_mismatched"],
                 folder: "mnli", trainFolders: ["mnli"]),
        glue("qnli", isPair: true, labels: twoWayNLILabels),
        glue("rte", isPair: true, labels: twoWayNLILabels),
        TaskSpec(name: "mrpc", downloadGroup: "mrpc", isPair: true, labelNames: binaryLabels,
                 labelView: .whole, trainSplit: "train", selectionSplit: "dev", reportSplit: "dev",
                 splits: ["train", "dev", "test"], folder: "mrpc", trainFolders: ["mrpc"]),
        trec("trec-coarse", labels: TrecLabels.coarse, view: .coarsePrefix),
        trec("trec-fine", labels: TrecLabels.fineSuffix, view: .fineSuffix),
        trec("trec-fine50", labels: TrecLabels.fineFull, view: .whole),
        anli(round: 1),
        anli(round: 2),
        anli(round: 3),
    ]

    /// Every task name, in the order of `all`.
    public static var allNames: [String] { all.map(\.name) }

    /// The task called `name`; throws a one-line error listing the known names otherwise.
    public static func spec(named name: String) throws -> TaskSpec {
        guard let spec = all.first(where: { $0.name == name }) else {
            throw DataError.unknownTask(name: name, known: allNames)
        }
        return spec
    }

    /// A GLUE task with a train split and a dev split that is both selected on and reported.
    private static func glue(_ name: String, isPair: Bool, labels: [String]) -> TaskSpec {
        TaskSpec(name: name, downloadGroup: name, isPair: isPair, labelNames: labels, labelView: .whole,
                 trainSplit: "train", selectionSplit: "dev", reportSplit: "dev",
                 splits: ["train", "dev"], folder: name, trainFolders: [name])
    }

    /// A TREC task: one pair of files, selected on and reported on the test split.
    private static func trec(_ name: String, labels: [String], view: LabelView) -> TaskSpec {
        TaskSpec(name: name, downloadGroup: "trec", isPair: false, labelNames: labels, labelView: view,
                 trainSplit: "train", selectionSplit: "test", reportSplit: "test",
                 splits: ["train", "test"], folder: "trec", trainFolders: ["trec"])
    }

    /// An ANLI round: trained on all three rounds' train sets, selected on its dev set and
    /// reported on its test set.
    private static func anli(round: Int) -> TaskSpec {
        TaskSpec(name: "anli-r\(round)", downloadGroup: "anli", isPair: true, labelNames: threeWayNLILabels,
                 labelView: .whole, trainSplit: "train", selectionSplit: "dev", reportSplit: "test",
                 splits: ["train", "dev", "test"], folder: "anli-r\(round)",
                 trainFolders: ["anli-r1", "anli-r2", "anli-r3"])
    }
}
