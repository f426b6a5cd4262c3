import Foundation

/// The distribution of the one-sample two-sided Kolmogorov–Smirnov statistic D_n (SciPy's `kstwo`),
/// following Simard & L'Ecuyer (2011) exactly as `scipy.stats._ksstats.kolmogn` chooses between
/// Ruben–Gambino, Durbin–Marsaglia–Tsang–Wang, Pomeranz, Pelz–Good and the Smirnov series.
public enum KolmogorovDistribution {
    /// P(D_n > x).
    public static func survival(n: Int, x: Double) -> Double {
        guard n > 0, !x.isNaN else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let prob: Double
            if n <= 140 {
                var p = 1.0
                for i in 1...n { p *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                prob = p
            } else {
                prob = exp(logFactorialOverPower(nd) + nd * log(2 * t - 1))
            }
            return clip(1 - prob)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * Smirnov.survival(n: n, x: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clip(1 - durbinMatrix(n: n, d: x)) }
            if nxSquared <= 4 { return clip(1 - pomeranz(n: n, x: x)) }
            return clip(2 * Smirnov.survival(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * Smirnov.survival(n: n, x: x)) }
        let cdf: Double
        if n <= 100_000 && nd * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrix(n: n, d: x)
        } else {
            cdf = pelzGood(n: n, x: x)
        }
        return clip(1 - cdf)
    }

    private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    private static let stirling: [Double] = [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
        8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ]

    /// log(n! / n^n) by Stirling's series.
    static func logFactorialOverPower(_ n: Double) -> Double {
        let rn = 1 / n
        var poly = 0.0
        for c in stirling { poly = poly * (rn / n) + c }
        return log(n) / 2 - n + log(2 * Double.pi) / 2 + rn * poly
    }

    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(D_n ≤ d) by the Durbin matrix, Marsaglia–Tsang–Wang variant.
    static func durbinMatrix(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var fac = 1.0
        for j in 1...m {
            v[j - 1] = 1 - pow(h, Double(j))
            w[j - 1] = fac
            fac /= Double(j)
            v[j - 1] *= fac
        }
        let tt = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * fac
        var hm = Matrix(size: m)
        for i in 1..<max(m, 1) where i < m {
            for r in (i - 1)..<m { hm[r, i] = w[r - (i - 1)] }
        }
        for r in 0..<m { hm[r, 0] = v[r] }
        for c in 0..<m { hm[m - 1, c] = v[m - 1 - c] }
        var power = Matrix.identity(size: m)
        var nn = n
        var exponent = 0, hExponent = 0
        while nn > 0 {
            if nn % 2 == 1 {
                power = power * hm
                exponent += hExponent
            }
            hm = hm * hm
            hExponent *= 2
            if abs(hm[k - 1, k - 1]) > scaleUp {
                hm.scale(by: scaleDown)
                hExponent += 128
            }
            nn /= 2
        }
        var p = power[k - 1, k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return clip(p)
    }

    /// P(D_n ≤ x) by Pomeranz's recursion (used for n ≤ 140).
    static func pomeranz(n: Int, x: Double) -> Double {
        let nd = Double(n)
        let t = nd * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = min(f, 1 - f)
        let ceilf = f > 0 ? 1 : 0
        let roundf = f > 0.5 ? 1 : 0
        let npwrs = 2 * (ll + 1)
        var gpower = [Double](repeating: 1, count: npwrs)
        var twogpower = [Double](repeating: 1, count: npwrs)
        var onem2gpower = [Double](repeating: 1, count: npwrs)
        let gOverN = g / nd, twoGOverN = 2 * g / nd, oneMinusTwoGOverN = (1 - 2 * g) / nd
        for m in 1..<npwrs {
            gpower[m] = gpower[m - 1] * gOverN / Double(m)
            twogpower[m] = twogpower[m - 1] * twoGOverN / Double(m)
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / Double(m)
        }
        var v0 = [Double](repeating: 0, count: npwrs)
        var v1 = [Double](repeating: 0, count: npwrs)
        v1[0] = 1
        var v0s = 0, v1s = 0
        var exponent = 0
        var (j1, j2) = pomeranzBounds(i: 0, n: n, ll: ll, ceilf: ceilf, roundf: roundf)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&v0, &v1)
            swap(&v0s, &v1s)
            for idx in v1.indices { v1[idx] = 0 }
            (j1, j2) = pomeranzBounds(i: i, n: n, ll: ll, ceilf: ceilf, roundf: roundf)
            let pwrs = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 == 1 ? twogpower : onem2gpower)
            let ln2 = j2 - k1 + 1
            if ln2 > 0 {
                let convStart = j1 - k1
                let convLen = j2 - j1 + 1
                for out in 0..<max(convLen, 0) {
                    let idx = convStart + out
                    var s = 0.0
                    for a in 0..<ln2 {
                        let b = idx - a
                        guard b >= 0, b < ln2 else { continue }
                        let src = k1 - v0s + a
                        guard src >= 0, src < v0.count, b < pwrs.count else { continue }
                        s += v0[src] * pwrs[b]
                    }
                    if out < v1.count { v1[out] = s }
                }
                let maxV = v1.max() ?? 0
                if maxV > 0 && maxV < scaleDown {
                    for idx in v1.indices { v1[idx] *= scaleUp }
                    exponent -= 128
                }
                v1s = v0s + j1 - k1
            }
        }
        let index = n - v1s
        var ans = index >= 0 && index < v1.count ? v1[index] : 0
        for m in 1...n {
            if abs(ans) > scaleUp {
                ans *= scaleDown
                exponent += 128
            }
            ans *= Double(m)
        }
        if exponent != 0 { ans = scalbn(ans, exponent) }
        return clip(ans)
    }

    private static func pomeranzBounds(i: Int, n: Int, ll: Int, ceilf: Int, roundf: Int) -> (Int, Int) {
        var j1: Int, j2: Int
        if i == 0 {
            j1 = -ll - ceilf - 1
            j2 = ll + ceilf - 1
        } else {
            let ip1div2 = (i + 1) / 2, ip1mod2 = (i + 1) % 2
            if ip1mod2 == 0 {
                if ip1div2 == n + 1 {
                    j1 = n - ll - ceilf - 1
                    j2 = n + ll + ceilf - 1
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1
                    j2 = ip1div2 + ll - 1 + ceilf - 1
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1
                j2 = ip1div2 + ll + roundf - 1
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// Pelz–Good approximation to P(D_n ≤ x).
    static func pelzGood(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let nd = Double(n)
        let z = nd.squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var k = [0.0, 0.0, 0.0, 0.0]
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        let sqrt2pi = (2 * Double.pi).squareRoot()
        if maxk >= 1 {
            for kk in stride(from: maxk, through: 1, by: -1) {
                let m = Double(2 * kk - 1)
                let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
                let qpower = pow(q, Double(8 * kk))
                let coeffs = [1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
                for idx in 0..<4 { k[idx] = k[idx] * qpower + coeffs[idx] }
            }
        }
        let denominators = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for idx in 0..<4 { k[idx] = k[idx] * q * sqrt2pi / denominators[idx] }
        q = exp(-pi2 / 2 / z2)
        var k2extra = 0.0, k3extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        if maxk >= 1 {
            for kk in stride(from: maxk, through: 1, by: -1) {
                let ks = Double(kk), ks2 = ks * ks
                let qp = pow(q, ks2)
                k2extra += ks2 * qp
                let kspi = Double.pi * ks
                k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp
            }
        }
        k[2] += k2extra * pi2 * sqrt2pi / (-36 * z3)
        k[3] += k3extra * pi2 * sqrt2pi / (216 * z6)
        for idx in 0..<4 { k[idx] /= pow(nd, Double(idx) / 2) }
        return k[0] + k[1] + k[2] + k[3]
    }
}
