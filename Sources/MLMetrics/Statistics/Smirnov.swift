import Foundation

/// The one-sided Smirnov distribution P(D⁺_n ≥ x) (SciPy's `scipy.special.smirnov`), by the
/// Birnbaum–Tingey series summed in log space, with the same special cases and early stop as
/// the xsf implementation.
enum Smirnov {
    private static let minLog = -708.3964185322641
    private static let maxComputeN = 1_000_000

    static func survival(n: Int, x: Double) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        let nd = Double(n)
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nx = nd * x
        var nxFloor = nx.rounded(.down)
        var alpha = fma(nd, x, -nxFloor)
        if alpha >= 1 { nxFloor += 1; alpha = 0 }
        if alpha < 0 { nxFloor -= 1; alpha += 1 }
        let nxfl = Int(nxFloor)
        var n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1)
        if alpha == 0 { n1mxfl -= 1 }
        if nxfl == 0 || (nxfl == 1 && alpha == 0) {
            let cdf = x * pow(1 + x, nd - 1)
            return min(max(1 - cdf, 0), 1)
        }
        if -2 * nd * x * x < minLog { return 0 }
        if nxfl >= n - 1 { return pow(1 - x, nd) }
        if n > maxComputeN {
            let logp = -pow(6 * nx + 1, 2) / 18 / nd
            return logp < -M_LN2 ? exp(logp) : 1 - (-expm1(logp))
        }
        let nTerms = n1mxfl + 1
        let vmid = n / 2
        let logFactorialN = logGamma(nd + 1)
        var sum = pow(1 - x, nd) / x
        var compensation = 0.0
        if nTerms > 1 {
            for j in 1..<nTerms {
                let jd = Double(j)
                let lowerBase = Double(n - j) / nd - x
                let upperBase = jd / nd + x
                var term = 0.0
                if lowerBase > 0 {
                    let logTerm = logFactorialN - logGamma(jd + 1) - logGamma(nd - jd + 1)
                        + (nd - jd) * log(lowerBase) + (jd - 1) * log(upperBase)
                    term = exp(logTerm)
                }
                if term.isFinite && term != 0 {
                    let y = term - compensation
                    let t = sum + y
                    compensation = (t - sum) - y
                    sum = t
                }
                if term != 0 {
                    if 4 * Double(nTerms - j) * term < Double.ulpOfOne * sum && j != nTerms - 1 { break }
                } else if j > vmid {
                    break
                }
            }
        }
        return min(max(x * sum, 0), 1)
    }
}
