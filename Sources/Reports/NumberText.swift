import Foundation
import Records

/// How reports write numbers: percentages with two decimals like the paper.
enum NumberText {
    /// `92.10`.
    static func percent(_ value: Double) -> String {
        String(format: "%.2f", rounded(value, decimals: 2))
    }

    /// `+0.12` or `-1.56`; a difference that rounds to zero is `+0.00`.
    static func signedPercent(_ value: Double) -> String {
        let value = rounded(value, decimals: 2)
        return value < 0 ? String(format: "%.2f", value) : String(format: "+%.2f", value)
    }

    /// `92.1034` in machine-readable output; empty for nil.
    static func precise(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.4f", rounded(value, decimals: 4))
    }

    /// `value` rounded half away from zero, with negative zero turned into zero.
    static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
