import Records
/// The paper's tables that `report` reproduces.
public enum ReportTableKind: String, CaseIterable, Sendable {
    /// Table 2: mean accuracy of normal fine-tuning, EmbedMix, TMix, SSMix and its ablations.
    case table2 = "2"
    /// Table A.1: the standard deviations behind Table 2.
    case tableA1 = "A.1"
    /// Table B.1: UNK augmentation beside SSMix and its ablations.
    case tableB1 = "B.1"
    /// The mixup family: the paper's hidden-state methods and SSMix beside WordMix, SenMix and
    /// Manifold Mixup (not in the paper).
    case family

    /// The methods, one per row, in the paper's order.
    public var methods: [String] {
        switch self {
        case .table2, .tableA1:
            return ["normal", "embedmix", "tmix", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span"]
        case .tableB1:
            return ["normal", "unk", "ssmix", "ssmix-no-saliency", "ssmix-no-saliency-no-span"]
        case .family:
            return ["normal", "embedmix", "tmix", "ssmix", "wordmix", "senmix", "manifold"]
        }
    }

    /// The paper's table whose numbers stand beside this one's (the family table has the paper's
    /// Table 2 values for the methods the paper ran, none for the others).
    public var paperTable: ReportTableKind { self == .family ? .table2 : self }

    /// True when the cells show standard deviations rather than means.
    public var showsStandardDeviation: Bool { self == .tableA1 }

    /// The file name stem of the written report, e.g. `table2` or `tableA1`.
    public var fileStem: String { self == .family ? "family" : "table" + rawValue.replacingOccurrences(of: ".", with: "") }

    /// The report's title.
    public var title: String {
        switch self {
        case .table2: return "Table 2: accuracy (%) per method, mean over seeds"
        case .tableA1: return "Table A.1: standard deviation (%) of the accuracies in Table 2"
        case .tableB1: return "Table B.1: UNK augmentation beside SSMix and its ablations, accuracy (%)"
        case .family: return "The mixup family: accuracy (%) of WordMix, SenMix and Manifold Mixup beside the paper's methods"
        }
    }
}
