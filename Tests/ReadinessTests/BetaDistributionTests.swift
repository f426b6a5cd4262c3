import Foundation
import Testing
import Readiness

/// Quantiles and CDF values computed with scipy 1.x on 2026-11-21:
/// `scipy.stats.beta.ppf(q, a, b)` and `scipy.special.betainc(a, b, x)`.
struct BetaDistributionTests {
    static let quantiles: [(a: Double, b: Double, q: Double, expected: Double)] = [
        (1, 1, 0.05, 0.05),
        (2, 3, 0.05, 0.09761146288641434),
        (2, 3, 0.95, 0.7513953742698181),
        (5.5, 2.25, 0.05, 0.4275183317823799),
        (5.5, 2.25, 0.95, 0.9272761711919377),
        (0.5, 0.5, 0.05, 0.0061558297024311365),
        (0.5, 0.5, 0.95, 0.9938441702975689),
        (30, 10, 0.05, 0.631847098871165),
        (30, 10, 0.95, 0.8537813696094062),
        (100.7, 40.3, 0.05, 0.6501039284986272),
        (100.7, 40.3, 0.95, 0.7747985644859783),
        (1.2, 0.3, 0.05, 0.22726982388882405),
        (1.2, 0.3, 0.95, 0.9999638677314381),
        (500, 500, 0.5, 0.5),
        (3, 1, 0.5, 0.7937005259840998),
    ]

    static let cdfs: [(a: Double, b: Double, x: Double, expected: Double)] = [
        (2, 3, 0.4, 0.5247999999999999),
        (5.5, 2.25, 0.7, 0.43271225222584564),
        (0.5, 0.5, 0.1, 0.20483276469913345),
        (30, 10, 0.8, 0.7586405487192087),
        (100.7, 40.3, 0.7, 0.34635618934042406),
        (1.2, 0.3, 0.99, 0.7299767161643516),
    ]

    @Test func quantilesMatchScipy() {
        for c in Self.quantiles {
            let x = BetaDistribution(alpha: c.a, beta: c.b).quantile(c.q)
            #expect(abs(x - c.expected) < 1e-9, "Beta(\(c.a), \(c.b)).ppf(\(c.q)) = \(x), scipy \(c.expected)")
        }
    }

    @Test func cdfMatchesScipy() {
        for c in Self.cdfs {
            let p = BetaDistribution(alpha: c.a, beta: c.b).cdf(c.x)
            #expect(abs(p - c.expected) < 1e-10, "I_\(c.x)(\(c.a), \(c.b)) = \(p), scipy \(c.expected)")
        }
    }

    @Test func quantileInvertsCdfAcrossParameters() {
        for a in [0.3, 1, 2.5, 17, 240] {
            for b in [0.4, 1, 3.5, 60] {
                let d = BetaDistribution(alpha: a, beta: b)
                for p in [0.001, 0.05, 0.3, 0.5, 0.9, 0.95, 0.999] {
                    #expect(abs(d.cdf(d.quantile(p)) - p) < 1e-9, "a=\(a) b=\(b) p=\(p)")
                }
            }
        }
    }

    @Test func edgesAndInvalidParameters() {
        let d = BetaDistribution(alpha: 2, beta: 3)
        #expect(d.cdf(0) == 0 && d.cdf(1) == 1 && d.cdf(-3) == 0 && d.cdf(.nan) == 0)
        #expect(d.quantile(0) == 0 && d.quantile(1) == 1 && d.quantile(.nan) == d.mean)
        let fixed = BetaDistribution(alpha: .nan, beta: -2)
        #expect(fixed.alpha == 1 && fixed.beta == 1)
        #expect(abs(fixed.quantile(0.05) - 0.05) < 1e-12)
    }

    @Test func meanAndVariance() {
        let d = BetaDistribution(alpha: 21, beta: 6)
        // 21 / 27 and 21·6 / (27²·28).
        #expect(abs(d.mean - 0.7777777777777778) < 1e-15)
        #expect(abs(d.variance - 126.0 / 20_412.0) < 1e-15)
    }
}
