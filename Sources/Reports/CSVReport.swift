import Records
/// Renders a result table as CSV, one line per cell with plain numbers (percent, 4 decimals;
/// empty when absent; `capped` counts runs trained on a capped subset, `runs` lists the counted
/// runs' configuration hashes, 12 digits) so that spreadsheets and scripts need no parsing of cell text.
public enum CSVReport {
    /// The column names of the CSV.
    public static let header = "table,protocol,method,column,n,mean,std,ours,paper,delta,best,seeds,capped,runs"

    /// The CSV text: the header line, then one line per cell, row by row.
    public static func render(_ table: ResultTable) -> String {
        var lines = [header]
        for cell in table.cells {
            let fields = [
                table.kind.rawValue, table.header.protocolName, cell.method, cell.column, String(cell.count),
                NumberText.precise(cell.statistics.mean), NumberText.precise(cell.statistics.standardDeviation),
                NumberText.precise(cell.ours), NumberText.precise(cell.paper), NumberText.precise(cell.delta),
                cell.isBest ? "1" : "0", cell.seeds.map(String.init).joined(separator: " "),
                String(cell.cappedCount), cell.runHashes.map { String($0.prefix(12)) }.joined(separator: " "),
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
