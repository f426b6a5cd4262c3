import Testing
@testable import MLMetrics

@Suite("Drift in the azure and evidently dialects")
struct DriftTests {
    private func check(_ result: FeatureDrift, _ expected: [String: Any], _ label: String) {
        let pairs: [(String, Double?)] = [
            ("jensen_shannon_distance", result.jensenShannonDistance),
            ("population_stability_index", result.populationStabilityIndex),
            ("normalized_wasserstein_distance", result.normalizedWassersteinDistance),
            ("ks_p_value", result.ksPValue),
            ("ks_statistic", result.ksStatistic),
            ("chi_squared_p_value", result.chiSquaredPValue),
            ("z_test_p_value", result.zTestPValue),
        ]
        for (key, value) in pairs where expected[key] != nil {
            #expect(close(value, expected.double(key)), "\(label) \(key): \(value ?? .nan) vs \(expected.double(key) ?? .nan)")
        }
    }

    @Test("numerical fixtures in both dialects")
    func numerical() throws {
        for (i, c) in try Fixture.cases("drift", "numeric").enumerated() {
            let ref = c.doubles("reference"), cur = c.doubles("current")
            for dialect in DriftDialect.allCases {
                let result = try FeatureDrift.numerical(reference: ref, current: cur, dialect: dialect)
                check(result, c.object(dialect.rawValue), "numeric case \(i) \(dialect)")
            }
        }
    }

    @Test("categorical fixtures in both dialects")
    func categorical() throws {
        for (i, c) in try Fixture.cases("drift", "categorical").enumerated() {
            let ref = c.strings("reference"), cur = c.strings("current")
            for dialect in DriftDialect.allCases {
                let result = FeatureDrift.categorical(reference: ref, current: cur, dialect: dialect)
                check(result, c.object(dialect.rawValue), "categorical case \(i) \(dialect)")
            }
        }
    }

    @Test("Jensen-Shannon distance in base 2 and base e")
    func jensenShannon() throws {
        for c in try Fixture.cases("drift", "jensen_shannon") {
            let p = c.doubles("p"), q = c.doubles("q")
            #expect(close(DistributionDistances.jensenShannon(p, q, base: 2), c.double("base2")))
            #expect(close(DistributionDistances.jensenShannon(p, q, base: nil), c.double("natural")))
        }
    }

    @Test("decision rules: azure alerts on NWD above 0.1, evidently picks KS for small references")
    func decisions() throws {
        let ref = (0..<500).map { Double($0 % 100) }
        let shifted = ref.map { $0 + 30 }
        let azure = try FeatureDrift.numerical(reference: ref, current: shifted, dialect: .azure)
        #expect(azure.decisionMetric == "normalized_wasserstein_distance")
        #expect(azure.drifted)
        let evidently = try FeatureDrift.numerical(reference: ref, current: shifted, dialect: .evidently)
        #expect(evidently.decisionMetric == "ks_p_value")
        #expect(evidently.drifted)
        let same = try FeatureDrift.numerical(reference: ref, current: ref, dialect: .azure)
        #expect(!same.drifted)
        #expect(same.normalizedWassersteinDistance == 0)
        let big = (0..<2000).map { Double($0) }
        let large = try FeatureDrift.numerical(reference: big, current: big, dialect: .evidently)
        #expect(large.decisionMetric == "normalized_wasserstein_distance")
    }

    @Test("a category unseen in the reference gives chi-squared p = 0 with a warning (azure)")
    func unseenCategory() {
        let r = FeatureDrift.categorical(reference: ["a", "b", "a"], current: ["a", "new"], dialect: .azure)
        #expect(r.chiSquaredPValue == 0)
        #expect(r.warnings.contains { $0.contains("new") })
    }

    @Test("dataset drift: azure any feature, evidently share ≥ 0.5")
    func datasetDrift() throws {
        let ref = (0..<300).map { Double($0 % 50) }
        let drifted = try FeatureDrift.numerical(reference: ref, current: ref.map { $0 + 40 }, dialect: .azure)
        let stable = try FeatureDrift.numerical(reference: ref, current: ref, dialect: .azure)
        let azure = DatasetDrift(features: [drifted, stable, stable], dialect: .azure)
        #expect(azure.datasetDrift)
        #expect(abs(azure.driftShare - 1.0 / 3.0) < 1e-12)
        let evidently = DatasetDrift(features: [drifted, stable, stable], dialect: .evidently)
        #expect(!evidently.datasetDrift)
        #expect(DatasetDrift(features: [drifted, stable], dialect: .evidently).datasetDrift)
    }

    @Test("data quality rates: nulls, type errors, out of bounds")
    func dataQuality() {
        let q = DataQuality(numericReference: [1, 5, 10], current: ["2", nil, "abc", "11", "", "10"])
        #expect(q.nullValueRate == 2.0 / 6.0)
        #expect(q.dataTypeErrorRate == 1.0 / 6.0)
        #expect(q.outOfBoundsRate == 1.0 / 6.0)
        #expect(q.alerts())
        let c = DataQuality(categoricalReference: ["a", "b"], current: ["a", "c", nil, "b"])
        #expect(c.outOfBoundsRate == 0.25)
        #expect(c.nullValueRate == 0.25)
        #expect(!DataQuality(numericReference: [1, 2], current: ["1", "2"]).alerts())
    }

    @Test("all-missing current column is reported, not a crash")
    func emptyColumn() throws {
        let r = try FeatureDrift.numerical(reference: [1, 2, 3], current: [], dialect: .azure)
        #expect(!r.drifted)
        #expect(r.driftScore == nil)
        #expect(!r.warnings.isEmpty)
    }
}

@Suite("Quantile-bin PSI (the benchmark's definition)")
struct QuantilePSITests {
    @Test("matches NumPy's quantile bins and clipping")
    func fixtures() throws {
        for c in try Fixture.cases("drift", "quantile_psi") {
            let psi = QuantilePSI.sorted(reference: c.doubles("reference").sorted(), current: c.doubles("current").sorted())
            #expect(close(psi, c.double("psi")), "\(psi) vs \(c.double("psi") ?? .nan)")
        }
    }
}
