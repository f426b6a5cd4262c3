import Foundation

/// A Beta(α, β) distribution with its CDF (the regularized incomplete beta function) and its
/// inverse, computed numerically: a Lentz continued fraction for the CDF and a safeguarded
/// Newton iteration (falling back to bisection) for quantiles.
public struct BetaDistribution: Sendable, Equatable {
    public let alpha: Double
    public let beta: Double

    /// Parameters that are not finite and positive are replaced by 1 (the uniform prior), so the
    /// distribution is always proper.
    public init(alpha: Double, beta: Double) {
        self.alpha = alpha.isFinite && alpha > 0 ? alpha : 1
        self.beta = beta.isFinite && beta > 0 ? beta : 1
    }

    /// α / (α + β).
    public var mean: Double { alpha / (alpha + beta) }

    /// αβ / ((α + β)²(α + β + 1)).
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }

    /// ln B(α, β) = ln Γ(α) + ln Γ(β) − ln Γ(α + β).
    private var logBetaFunction: Double {
        let numerator: Double = lgamma(alpha) + lgamma(beta)
        return numerator - lgamma(alpha + beta)
    }

    /// P(X ≤ x), the regularized incomplete beta function I_x(α, β).
    public func cdf(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logPowers: Double = alpha * log(x) + beta * log1p(-x)
        let logFront: Double = logPowers - logBetaFunction
        let front = exp(logFront)
        // The continued fraction converges fast for x < (α+1)/(α+β+2); use the symmetry
        // I_x(α, β) = 1 - I_{1-x}(β, α) on the other side.
        if x < (alpha + 1) / (alpha + beta + 2) {
            return clampUnit(front * Self.continuedFraction(a: alpha, b: beta, x: x) / alpha)
        }
        return clampUnit(1 - front * Self.continuedFraction(a: beta, b: alpha, x: 1 - x) / beta)
    }

    /// The density at x (0 outside (0, 1)).
    public func pdf(_ x: Double) -> Double {
        guard x.isFinite, x > 0, x < 1 else { return 0 }
        let logPowers: Double = (alpha - 1) * log(x) + (beta - 1) * log1p(-x)
        let logDensity: Double = logPowers - logBetaFunction
        return exp(logDensity)
    }

    /// The x with P(X ≤ x) = p. p is clamped to 0 ... 1.
    public func quantile(_ p: Double) -> Double {
        guard p.isFinite else { return mean }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var lo = 0.0
        var hi = 1.0
        var x = mean
        for _ in 0..<200 {
            let f = cdf(x) - p
            if abs(f) < 1e-15 { return x }
            if f < 0 { lo = x } else { hi = x }
            let density = pdf(x)
            var next = density > 0 ? x - f / density : .nan
            // Newton left the bracket or stalled: bisect instead.
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= x.ulp || hi - lo <= 2 * hi.ulp { return next }
            x = next
        }
        return x
    }

    /// The equal-tailed credible interval holding `level` of the mass (e.g. 0.9 → 5 % and 95 %).
    public func credibleInterval(level: Double) -> ClosedRange<Double> {
        let tail = (1 - min(max(level, 0), 1)) / 2
        let lower = quantile(tail)
        let upper = quantile(1 - tail)
        return min(lower, upper)...max(lower, upper)
    }

    /// Modified Lentz evaluation of the continued fraction for I_x(a, b) (Numerical Recipes §6.4).
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}

private func clampUnit(_ x: Double) -> Double {
    guard x.isFinite else { return 0 }
    return min(max(x, 0), 1)
}
