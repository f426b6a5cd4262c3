import Testing
@testable import MLMetrics

@Suite("KS test and chi-squared tail match SciPy 1.17")
struct StatisticsTests {
    @Test("ks_2samp fixtures: statistic and p-value (exact and asymptotic)")
    func ksFixtures() throws {
        for (i, c) in try Fixture.cases("ks", "tests").enumerated() {
            let a = c.doubles("a"), b = c.doubles("b")
            let r = try #require(KolmogorovSmirnov.test(a, b))
            #expect(close(r.statistic, c.double("statistic"), 1e-12), "case \(i) n=\(a.count),\(b.count)")
            #expect(close(r.pValue, c.double("pvalue")), "case \(i) n=\(a.count),\(b.count): \(r.pValue) vs \(c.double("pvalue") ?? .nan)")
        }
    }

    @Test("kstwo.sf on a grid covering every branch")
    func kstwoGrid() throws {
        for c in try Fixture.cases("ks", "kstwo_sf") {
            let n = c.int("n") ?? 0, x = c.double("x") ?? 0
            let sf = KolmogorovDistribution.survival(n: n, x: x)
            #expect(close(sf, c.double("sf")), "n=\(n) x=\(x): \(sf) vs \(c.double("sf") ?? .nan)")
        }
    }

    @Test("chi2.sf on a grid")
    func chiSquaredGrid() throws {
        for c in try Fixture.cases("ks", "chi2_sf") {
            let sf = SpecialFunctions.chiSquaredSurvival(c.double("x") ?? 0, degreesOfFreedom: c.double("df") ?? 1)
            #expect(close(sf, c.double("sf")), "df=\(c.double("df") ?? 0) x=\(c.double("x") ?? 0)")
        }
    }

    @Test("radix sort agrees with the standard sort, negatives and zeros included")
    func radixSort() {
        var g = SystemRandomNumberGenerator()
        let values = (0..<10_000).map { i in i % 97 == 0 ? 0.0 : Double.random(in: -1e6...1e6, using: &g) } + [-0.0, .infinity, -.infinity]
        #expect(RadixSort.sorted(values) == values.sorted())
    }

    @Test("empty or NaN samples give no KS result")
    func ksBadInput() {
        #expect(KolmogorovSmirnov.test([], [1]) == nil)
        #expect(KolmogorovSmirnov.test([1, .nan], [1]) == nil)
    }
}
