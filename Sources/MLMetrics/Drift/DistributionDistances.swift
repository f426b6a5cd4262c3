import Foundation

/// Distances and tests between two distributions, each matching the SciPy function named.
public enum DistributionDistances {
    /// `scipy.spatial.distance.jensenshannon(p, q, base)`: both vectors are normalised to sum 1,
    /// 0·log 0 = 0. Base 2 gives [0, 1]; base e gives [0, √ln 2]. Nil when a vector sums to 0.
    public static func jensenShannon(_ p: [Double], _ q: [Double], base: Double?) -> Double? {
        guard p.count == q.count, !p.isEmpty else { return nil }
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return nil }
        var left = 0.0, right = 0.0
        for i in p.indices {
            let a = p[i] / sp, b = q[i] / sq
            let m = (a + b) / 2
            left += relativeEntropy(a, m)
            right += relativeEntropy(b, m)
        }
        var js = left + right
        if let base { js /= log(base) }
        return (max(js, 0) / 2).squareRoot()
    }

    /// `scipy.special.rel_entr(x, y)` for x, y ≥ 0.
    @inline(__always) static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        if x > 0 && y > 0 { return x * log(x / y) }
        if x == 0 && y >= 0 { return 0 }
        return .infinity
    }

    /// Σ (q − p) · ln(q / p) over aligned proportions (smoothing is the caller's job).
    public static func populationStabilityIndex(reference p: [Double], current q: [Double]) -> Double {
        var total = 0.0
        for i in p.indices where i < q.count { total += (q[i] - p[i]) * log(q[i] / p[i]) }
        return total
    }

    /// `scipy.stats.wasserstein_distance(u, v)` on two sorted samples: the area between the two
    /// empirical CDFs, computed by one merge.
    public static func wassersteinSorted(_ u: [Double], _ v: [Double]) -> Double {
        let nu = u.count, nv = v.count
        guard nu > 0, nv > 0 else { return .nan }
        var i = 0, j = 0
        var total = 0.0
        var previous: Double
        if u[0] <= v[0] { previous = u[0] } else { previous = v[0] }
        let du = Double(nu), dv = Double(nv)
        while i < nu || j < nv {
            let x: Double
            if j >= nv || (i < nu && u[i] <= v[j]) { x = u[i] } else { x = v[j] }
            total += abs(Double(i) / du - Double(j) / dv) * (x - previous)
            while i < nu && u[i] <= x { i += 1 }
            while j < nv && v[j] <= x { j += 1 }
            previous = x
        }
        return total
    }

    /// Pearson's chi-squared goodness of fit (`scipy.stats.chisquare(observed, expected)`):
    /// statistic, degrees of freedom (k − 1) and p-value. An expected count of 0 with an observed
    /// count above 0 gives an infinite statistic and p = 0.
    public static func chiSquared(observed: [Double], expected: [Double]) -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        var stat = 0.0
        for (o, e) in zip(observed, expected) {
            if e == 0 {
                if o != 0 { stat = .infinity }
                continue
            }
            stat += (o - e) * (o - e) / e
        }
        let df = max(observed.count - 1, 0)
        let p = df == 0 ? Double.nan : SpecialFunctions.chiSquaredSurvival(stat, degreesOfFreedom: Double(df))
        return (stat, df, p)
    }

    /// Population (ddof 0) or sample (ddof 1) standard deviation.
    public static func standardDeviation(_ values: [Double], sample: Bool) -> Double {
        let n = Double(values.count)
        guard values.count > (sample ? 1 : 0) else { return 0 }
        let mean = values.reduce(0, +) / n
        let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (ss / (sample ? n - 1 : n)).squareRoot()
    }
}
