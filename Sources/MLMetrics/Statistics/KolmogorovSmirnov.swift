import Foundation

/// Result of a two-sample Kolmogorov–Smirnov test.
public struct KSTestResult: Sendable, Equatable {
    /// D = sup |F_ref(x) − F_cur(x)|.
    public let statistic: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// How the p-value was computed.
    public let method: Method

    public enum Method: String, Sendable {
        /// Exact distribution of D (both samples of at most 10,000 values).
        case exact
        /// `kstwo.sf(D, round(n·m/(n+m)))`, SciPy's 'asymp' branch.
        case asymptotic
    }
}

/// Two-sample Kolmogorov–Smirnov test with the conventions of `scipy.stats.ks_2samp(method='auto')`.
public enum KolmogorovSmirnov {
    /// Above this sample size SciPy's 'auto' method switches from the exact to the asymptotic p-value.
    public static let maxExactSampleSize = 10_000

    /// Runs the test on two unsorted samples. Returns nil when either sample is empty or holds NaN.
    public static func test(_ reference: [Double], _ current: [Double]) -> KSTestResult? {
        guard !reference.isEmpty, !current.isEmpty else { return nil }
        guard !reference.contains(where: \.isNaN), !current.contains(where: \.isNaN) else { return nil }
        return testSorted(reference.sorted(), current.sorted())
    }

    /// Runs the test on two samples already sorted ascending.
    public static func testSorted(_ a: [Double], _ b: [Double]) -> KSTestResult? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let d = statisticSorted(a, b)
        return pValue(statistic: d, n1: a.count, n2: b.count)
    }

    /// D for two sorted samples: the largest gap between the right-continuous empirical CDFs,
    /// evaluated at every pooled value (the same arithmetic as SciPy's `searchsorted(..., 'right')`).
    public static func statisticSorted(_ a: [Double], _ b: [Double]) -> Double {
        let n1 = Double(a.count), n2 = Double(b.count)
        var i = 0, j = 0
        var maxDiff = 0.0, minDiff = 0.0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let na = pa.count, nb = pb.count
                while i < na || j < nb {
                    let v: Double
                    if j >= nb || (i < na && pa[i] <= pb[j]) { v = pa[i] } else { v = pb[j] }
                    while i < na && pa[i] <= v { i += 1 }
                    while j < nb && pb[j] <= v { j += 1 }
                    let diff = Double(i) / n1 - Double(j) / n2
                    if diff > maxDiff { maxDiff = diff }
                    if diff < minDiff { minDiff = diff }
                }
            }
        }
        return max(maxDiff, min(-minDiff, 1))
    }

    /// The two-sided p-value for statistic `d` with sample sizes `n1`, `n2`, choosing exact or
    /// asymptotic as SciPy's 'auto' does (exact falls back to asymptotic when it overflows).
    public static func pValue(statistic d: Double, n1: Int, n2: Int) -> KSTestResult {
        if max(n1, n2) <= maxExactSampleSize, let exact = exactPValue(statistic: d, n1: n1, n2: n2) {
            return exact
        }
        let m = Double(max(n1, n2)), n = Double(min(n1, n2))
        let en = (m * n / (m + n)).rounded(.toNearestOrEven)
        let p = KolmogorovDistribution.survival(n: Int(en), x: d)
        return KSTestResult(statistic: d, pValue: min(max(p, 0), 1), method: .asymptotic)
    }

    /// SciPy's `_attempt_exact_2kssamp`: D is snapped to the lattice h / lcm(n1, n2).
    static func exactPValue(statistic d: Double, n1: Int, n2: Int) -> KSTestResult? {
        let g = gcd(n1, n2)
        let lcm = Double((n1 / g) * n2)
        let h = Int((d * lcm).rounded(.toNearestOrEven))
        let snapped = Double(h) / lcm
        if h == 0 { return KSTestResult(statistic: snapped, pValue: 1, method: .exact) }
        let p = n1 == n2 ? probabilityOutsideSquare(n: n1, h: h) : probabilityOutsideInside(m: n1, n: n2, g: g, h: h)
        guard p.isFinite, p >= 0, p <= 1 else { return nil }
        return KSTestResult(statistic: snapped, pValue: p, method: .exact)
    }

    /// P(D_{n,n} ≥ h/n), the alternating binomial series evaluated Horner-style.
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// 1 − P(paths stay strictly inside |x/m − y/n| < h/lcm), Viehmann's stable recursion as in SciPy.
    static func probabilityOutsideInside(m mIn: Int, n nIn: Int, g: Int, h: Int) -> Double {
        let m = max(mIn, nIn), n = min(mIn, nIn)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var curlen = maxj - minj
        let lenA = min(2 * maxj + 2, n + 1)
        var a = [Double](repeating: 1, count: max(lenA, 1))
        for idx in minj..<min(maxj, a.count) { a[idx] = 0 }
        for i in 1...m {
            let lastminj = minj, lastlen = curlen
            minj = max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0)
            minj = min(minj, n)
            maxj = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxj <= minj { return 1 }
            var val = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                let j = jj + minj
                let src = jj + minj - lastminj
                let prev = src < a.count ? a[src] : 1
                val = (prev * Double(i) + val * Double(j)) / Double(i + j)
                if jj < a.count { a[jj] = val }
            }
            curlen = maxj - minj
            if lastlen > curlen {
                let start = maxj - minj, end = min(maxj - minj + (lastlen - curlen), a.count)
                if start < end { for idx in start..<end { a[idx] = 1 } }
            }
        }
        let last = maxj - minj - 1
        return last >= 0 && last < a.count ? a[last] : .nan
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
