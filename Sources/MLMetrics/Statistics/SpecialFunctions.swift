import Foundation

/// Special functions behind the p-values: the regularized incomplete gamma (chi-squared tail)
/// and the standard normal distribution.
public enum SpecialFunctions {
    /// Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), as Cephes' `igamc`.
    public static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        if x < 1 || x < a { return 1 - lowerSeries(a, x) }
        return upperContinuedFraction(a, x)
    }

    /// Regularized lower incomplete gamma P(a, x).
    public static func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        if x > 1 && x > a { return 1 - upperContinuedFraction(a, x) }
        return lowerSeries(a, x)
    }

    private static let machineEpsilon = 1.11022302462515654042e-16
    private static let big = 4.503599627370496e15
    private static let bigInverse = 2.22044604925031308085e-16

    /// Power series for P(a, x), Cephes `igam`.
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        let ax = a * log(x) - x - logGamma(a)
        if ax < -709.78271289338399 { return 0 }
        let factor = exp(ax)
        var r = a, c = 1.0, ans = 1.0
        repeat {
            r += 1
            c *= x / r
            ans += c
        } while c / ans > machineEpsilon
        return ans * factor / a
    }

    /// Continued fraction for Q(a, x), Cephes `igamc`.
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let ax = a * log(x) - x - logGamma(a)
        if ax < -709.78271289338399 { return 0 }
        let factor = exp(ax)
        var y = 1 - a, z = x + y + 1, c = 0.0
        var pkm2 = 1.0, qkm2 = x, pkm1 = x + 1, qkm1 = z * x
        var ans = pkm1 / qkm1
        var t: Double
        repeat {
            c += 1
            y += 1
            z += 2
            let yc = y * c
            let pk = pkm1 * z - pkm2 * yc
            let qk = qkm1 * z - qkm2 * yc
            if qk != 0 {
                let r = pk / qk
                t = abs((ans - r) / r)
                ans = r
            } else {
                t = 1
            }
            pkm2 = pkm1; pkm1 = pk; qkm2 = qkm1; qkm1 = qk
            if abs(pk) > big {
                pkm2 *= bigInverse; pkm1 *= bigInverse; qkm2 *= bigInverse; qkm1 *= bigInverse
            }
        } while t > machineEpsilon
        return ans * factor
    }

    /// Survival function of the chi-squared distribution with `degreesOfFreedom`.
    public static func chiSquaredSurvival(_ statistic: Double, degreesOfFreedom: Double) -> Double {
        if statistic.isInfinite { return 0 }
        if statistic <= 0 { return 1 }
        return regularizedUpperGamma(degreesOfFreedom / 2, statistic / 2)
    }

    /// Standard normal cumulative distribution Φ(z).
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }
}

/// log Γ(x) for positive x.
func logGamma(_ x: Double) -> Double {
    let f: (Double) -> Double = lgamma
    return f(x)
}
