import Foundation

/// Evidently 0.7's binning, zero filling and default choice of test.
enum EvidentlyRules {
    /// Reference with more than 20 distinct values: Sturges bins over the pooled sample; otherwise
    /// one bin per distinct value. Proportions are counts over each sample's size.
    static func numericPercents(_ ref: [Double], _ cur: [Double]) -> ([Double], [Double]) {
        if distinctCountSorted(ref) > 20, let lo = ref.first, let hi = ref.last, let clo = cur.first, let chi = cur.last {
            let edges = Binning.numpySturgesEdges(minimum: min(lo, clo), maximum: max(hi, chi), count: ref.count + cur.count)
            let r = Binning.numpyHistogram(sorted: ref, edges: edges).map { $0 / Double(ref.count) }
            let c = Binning.numpyHistogram(sorted: cur, edges: edges).map { $0 / Double(cur.count) }
            return (r, c)
        }
        let (r, c) = Binning.valueCounts(reference: ref, current: cur)
        return (r.map { $0 / Double(ref.count) }, c.map { $0 / Double(cur.count) })
    }

    /// Replaces empty proportions by 1e-4, or by (smallest non-zero)/10⁶ when that is ≤ 1e-4.
    static func fillZeroes(_ p: [Double]) -> [Double] {
        guard let smallest = p.filter({ $0 != 0 }).min() else { return p }
        let fill = smallest <= 0.0001 ? smallest / 1_000_000 : 0.0001
        return p.map { $0 == 0 ? fill : $0 }
    }

    static func distinctCountSorted(_ a: [Double]) -> Int {
        guard var previous = a.first else { return 0 }
        var count = 1
        for v in a.dropFirst() where v != previous {
            count += 1
            previous = v
        }
        return count
    }

    /// Evidently's `_get_default_stattest` for a numerical column, applied to `result`.
    static func applyDefaultTest(_ result: inout FeatureDrift, numericReference ref: [Double], numericCurrent cur: [Double]) {
        let pooled = Set(ref).union(cur)
        let nValues = pooled.count
        if ref.count <= DriftDialect.evidentlyLargeReference {
            if nValues > 5 {
                result.decide(metric: "ks_p_value", value: result.ksPValue,
                              threshold: DriftDialect.evidentlyPValueThreshold, alertWhenAbove: false, inclusive: true)
            } else if nValues > 2 {
                let (r, c) = Binning.valueCounts(reference: ref, current: cur)
                let expected = r.map { $0 * (Double(cur.count) / Double(ref.count)) }
                let p = DistributionDistances.chiSquared(observed: c, expected: expected).pValue
                result.chiSquaredPValue = p
                result.decide(metric: "chi_squared_p_value", value: p,
                              threshold: DriftDialect.evidentlyPValueThreshold, alertWhenAbove: false)
            } else {
                let first = pooled.min() ?? 0
                let p = zTest(referenceHits: ref.filter { $0 == first }.count, referenceCount: ref.count,
                              currentHits: cur.filter { $0 == first }.count, currentCount: cur.count,
                              singleSameValue: nValues == 1)
                result.zTestPValue = p
                result.decide(metric: "z_test_p_value", value: p,
                              threshold: DriftDialect.evidentlyPValueThreshold, alertWhenAbove: false)
            }
        } else if nValues > 5 {
            result.decide(metric: "normalized_wasserstein_distance", value: result.normalizedWassersteinDistance,
                          threshold: 0.1, alertWhenAbove: true, inclusive: true)
        } else {
            result.decide(metric: "jensen_shannon_distance", value: result.jensenShannonDistance,
                          threshold: 0.1, alertWhenAbove: true, inclusive: true)
        }
    }

    /// Evidently's `_get_default_stattest` for a categorical column, applied to `result`.
    static func applyDefaultTest(_ result: inout FeatureDrift, categoricalReference ref: [String],
                                 categoricalCurrent cur: [String], categories: [String]) {
        if ref.count <= DriftDialect.evidentlyLargeReference {
            if categories.count > 2 {
                result.decide(metric: "chi_squared_p_value", value: result.chiSquaredPValue,
                              threshold: DriftDialect.evidentlyPValueThreshold, alertWhenAbove: false)
            } else {
                let first = categories.first ?? ""
                let p = zTest(referenceHits: ref.filter { $0 == first }.count, referenceCount: ref.count,
                              currentHits: cur.filter { $0 == first }.count, currentCount: cur.count,
                              singleSameValue: categories.count == 1)
                result.zTestPValue = p
                result.decide(metric: "z_test_p_value", value: p,
                              threshold: DriftDialect.evidentlyPValueThreshold, alertWhenAbove: false)
            }
        } else {
            result.decide(metric: "jensen_shannon_distance", value: result.jensenShannonDistance,
                          threshold: 0.1, alertWhenAbove: true, inclusive: true)
        }
    }

    /// Pooled two-proportion Z-test, p = 2·(1 − Φ(|z|)); 1 when both samples hold one identical value.
    /// Nil when the pooled proportion is 0 or 1 with different values (0/0).
    static func zTest(referenceHits: Int, referenceCount: Int, currentHits: Int, currentCount: Int, singleSameValue: Bool) -> Double? {
        if singleSameValue { return 1 }
        let n1 = Double(referenceCount), n2 = Double(currentCount)
        let p1 = Double(referenceHits) / n1, p2 = Double(currentHits) / n2
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let denominator = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard denominator > 0 else { return nil }
        let z = (p1 - p2) / denominator
        return 2 * (1 - SpecialFunctions.normalCDF(abs(z)))
    }
}
