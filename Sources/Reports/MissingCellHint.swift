import Records
/// The line a report ends with when cells are missing: what `—` means and which command fills them.
public enum MissingCellHint {
    /// The hint for `missing` empty cells out of `total` of a table of `kind`; nil when nothing is missing.
    public static func line(missing: Int, total: Int, kind: ReportTableKind = .table2) -> String? {
        guard missing > 0 else { return nil }
        let plans = kind == .family
            ? "`ssmix-exp run --plan experiments/family.toml` (TREC)"
            : "`ssmix-exp run --plan experiments/trec.toml` (TREC), `experiments/small.toml` or `experiments/paper.toml`"
        return "— = no finished run yet (\(missing) of \(total) cells). Fill them with \(plans)"
            + ", or one cell at a time with `ssmix-exp train-normal --task T --seed S`, "
            + "then `ssmix-exp train-mix --task T --seed S --method M`."
    }

    /// The hint for a table's missing cells.
    public static func line(for table: ResultTable) -> String? {
        line(missing: table.missingCellCount, total: table.cells.count, kind: table.kind)
    }
}
