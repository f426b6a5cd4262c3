import Foundation

/// The standard normal distribution's CDF, used for the exam-score approximation.
public enum StandardNormal {
    /// Φ(z) = erfc(-z / √2) / 2.
    public static func cdf(_ z: Double) -> Double {
        if z.isNaN { return 0.5 }
        return 0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// z with Φ(z) = 0.95, for a two-sided 90 % interval.
    public static let z95 = 1.6448536269514722
}
