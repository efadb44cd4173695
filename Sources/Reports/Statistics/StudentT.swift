import Foundation

/// Student's t distribution: the two-sided tail probability a paired t-test reports.
public enum StudentT {
    /// P(|T| ≥ |t|) for T with `degreesOfFreedom` (> 0): I_x(ν/2, 1/2) with x = ν / (ν + t²).
    public static func twoSidedP(t: Double, degreesOfFreedom ν: Double) -> Double {
        precondition(ν > 0, "degrees of freedom must be positive")
        guard t.isFinite else { return 0 }
        return RegularizedBeta.value(x: ν / (ν + t * t), a: ν / 2, b: 0.5)
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz),
/// evaluated on the side of x where it converges fast.
enum RegularizedBeta {
    static func value(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// The continued fraction 1/(1+ d1/(1+ d2/(1+ …))) of I_x(a, b), to double precision.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-15
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        d = 1 / (abs(d) < tiny ? tiny : d)
        var result = d
        for m in 1...500 {
            let m = Double(m)
            let even: Double = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            let odd: Double = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            for coefficient in [even, odd] {
                d = 1 + coefficient * d
                d = 1 / (abs(d) < tiny ? tiny : d)
                c = 1 + coefficient / c
                if abs(c) < tiny { c = tiny }
                result *= d * c
            }
            if abs(d * c - 1) < epsilon { break }
        }
        return result
    }
}
