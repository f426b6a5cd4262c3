/// Drift of one feature between a reference and a current sample, in one dialect.
public struct FeatureDrift: Sendable, Equatable {
    /// Whether the feature was treated as numbers or as categories.
    public enum Kind: String, Sendable, Codable {
        case numerical, categorical
    }

    public let kind: Kind
    public let dialect: DriftDialect
    /// Jensen–Shannon distance (azure: base 2; evidently: natural log).
    public internal(set) var jensenShannonDistance: Double?
    /// Wasserstein distance / reference std (azure: sample std; evidently: population std; floor 0.001).
    public internal(set) var normalizedWassersteinDistance: Double?
    /// PSI (azure: +1 per bin count over n; evidently: empty bins filled with 1e-4 or min/10⁶).
    public internal(set) var populationStabilityIndex: Double?
    /// Two-sample KS p-value (`ks_2samp`, method 'auto').
    public internal(set) var ksPValue: Double?
    /// Two-sample KS statistic D.
    public internal(set) var ksStatistic: Double?
    /// Pearson chi-squared goodness-of-fit p-value.
    public internal(set) var chiSquaredPValue: Double?
    /// Two-proportion Z-test p-value (evidently, two-valued columns with a small reference).
    public internal(set) var zTestPValue: Double?
    /// The metric that decides `drifted` (snake-case name as printed).
    public internal(set) var decisionMetric: String
    /// Its threshold.
    public internal(set) var threshold: Double
    /// Its value.
    public internal(set) var driftScore: Double?
    /// Whether the decision metric crossed its threshold.
    public internal(set) var drifted: Bool
    /// Undefined values and special cases.
    public internal(set) var warnings: [String]
    /// False when one side has no non-missing values: no metric exists, the feature is reported as not
    /// computable and left out of the drift share (`DatasetDrift`).
    public internal(set) var computable = true

    init(kind: Kind, dialect: DriftDialect) {
        self.kind = kind
        self.dialect = dialect
        self.decisionMetric = ""
        self.threshold = 0
        self.drifted = false
        self.warnings = []
    }

    /// Drift of a numerical feature. Missing values must already be removed; NaN is rejected.
    public static func numerical(reference: [Double], current: [Double], dialect: DriftDialect) throws -> FeatureDrift {
        try Check.finite(reference, "reference values")
        try Check.finite(current, "current values")
        return numericalSorted(reference: RadixSort.sorted(reference), current: RadixSort.sorted(current), dialect: dialect)
    }

    /// Drift of a numerical feature from samples already sorted ascending and free of NaN.
    public static func numericalSorted(reference ref: [Double], current cur: [Double], dialect: DriftDialect) -> FeatureDrift {
        var result = FeatureDrift(kind: .numerical, dialect: dialect)
        guard let refMin = ref.first, let refMax = ref.last, let curMin = cur.first, let curMax = cur.last else {
            result.decisionMetric = dialect == .azure ? "normalized_wasserstein_distance" : "none"
            result.threshold = dialect.numericalThreshold
            result.warnings.append("no non-missing values in \(ref.isEmpty ? "reference" : "current"): drift not computable, left out of the drift share")
            result.computable = false
            return result
        }
        if let ks = KolmogorovSmirnov.testSorted(ref, cur) {
            result.ksPValue = ks.pValue
            result.ksStatistic = ks.statistic
        }
        let wasserstein = DistributionDistances.wassersteinSorted(ref, cur)
        switch dialect {
        case .azure:
            let std = DistributionDistances.standardDeviation(ref, sample: true)
            result.normalizedWassersteinDistance = wasserstein / max(std, 0.001)
            let edges = Binning.azureEdges(minimum: min(refMin, curMin), maximum: max(refMax, curMax),
                                           smallerCount: min(ref.count, cur.count))
            let refCounts = Binning.sparkHistogram(sorted: ref, edges: edges)
            let curCounts = Binning.sparkHistogram(sorted: cur, edges: edges)
            result.applyAzureHistogram(refCounts, curCounts, nRef: ref.count, nCur: cur.count)
            result.decide(metric: "normalized_wasserstein_distance", value: result.normalizedWassersteinDistance,
                          threshold: dialect.numericalThreshold, alertWhenAbove: true)
        case .evidently:
            let std = DistributionDistances.standardDeviation(ref, sample: false)
            result.normalizedWassersteinDistance = wasserstein / max(std, 0.001)
            let (refPct, curPct) = EvidentlyRules.numericPercents(ref, cur)
            result.jensenShannonDistance = DistributionDistances.jensenShannon(refPct, curPct, base: nil)
            result.populationStabilityIndex = DistributionDistances.populationStabilityIndex(
                reference: EvidentlyRules.fillZeroes(refPct), current: EvidentlyRules.fillZeroes(curPct))
            EvidentlyRules.applyDefaultTest(&result, numericReference: ref, numericCurrent: cur)
        }
        return result
    }

    /// Drift of a categorical feature. Missing values must already be removed.
    public static func categorical(reference: [String], current: [String], dialect: DriftDialect) -> FeatureDrift {
        var result = FeatureDrift(kind: .categorical, dialect: dialect)
        guard !reference.isEmpty, !current.isEmpty else {
            result.decisionMetric = dialect == .azure ? "jensen_shannon_distance" : "none"
            result.threshold = dialect.categoricalThreshold
            result.warnings.append("no non-missing values in \(reference.isEmpty ? "reference" : "current"): drift not computable, left out of the drift share")
            result.computable = false
            return result
        }
        let (categories, refCounts, curCounts) = Binning.categoryCounts(reference: reference, current: current)
        let nRef = Double(reference.count), nCur = Double(current.count)
        switch dialect {
        case .azure:
            result.applyAzureHistogram(refCounts, curCounts, nRef: reference.count, nCur: current.count)
            let expected = refCounts.map { $0 / nRef * nCur }
            let chi = DistributionDistances.chiSquared(observed: curCounts, expected: expected)
            result.chiSquaredPValue = chi.pValue.isNaN ? nil : chi.pValue
            let unseen = zip(categories, refCounts).filter { $0.1 == 0 }.map(\.0)
            if !unseen.isEmpty {
                result.warnings.append("categories absent from the reference (\(unseen.prefix(5).joined(separator: ", "))): expected count 0, so chi-squared is infinite and its p-value 0")
            }
            if chi.pValue.isNaN { result.warnings.append("chi-squared needs at least two categories: p-value undefined") }
            result.decide(metric: "jensen_shannon_distance", value: result.jensenShannonDistance,
                          threshold: dialect.categoricalThreshold, alertWhenAbove: true)
        case .evidently:
            let refPct = refCounts.map { $0 / nRef }, curPct = curCounts.map { $0 / nCur }
            result.jensenShannonDistance = DistributionDistances.jensenShannon(refPct, curPct, base: nil)
            result.populationStabilityIndex = DistributionDistances.populationStabilityIndex(
                reference: EvidentlyRules.fillZeroes(refPct), current: EvidentlyRules.fillZeroes(curPct))
            let expected = refCounts.map { $0 * (nCur / nRef) }
            let chi = DistributionDistances.chiSquared(observed: curCounts, expected: expected)
            result.chiSquaredPValue = chi.pValue.isNaN ? nil : chi.pValue
            EvidentlyRules.applyDefaultTest(&result, categoricalReference: reference, categoricalCurrent: current,
                                            categories: categories)
        }
        return result
    }

    /// Azure's histogram metrics: JS base 2 on the counts, PSI with +1 per count over the row count.
    mutating func applyAzureHistogram(_ refCounts: [Double], _ curCounts: [Double], nRef: Int, nCur: Int) {
        jensenShannonDistance = DistributionDistances.jensenShannon(refCounts, curCounts, base: 2)
        let p = refCounts.map { ($0 + 1) / Double(nRef) }
        let q = curCounts.map { ($0 + 1) / Double(nCur) }
        populationStabilityIndex = DistributionDistances.populationStabilityIndex(reference: p, current: q)
    }

    /// Sets the decision: distances alert above (Azure: >, Evidently: ≥) the threshold, p-values below.
    mutating func decide(metric: String, value: Double?, threshold: Double, alertWhenAbove: Bool, inclusive: Bool = false) {
        decisionMetric = metric
        self.threshold = threshold
        driftScore = value
        guard let value else {
            drifted = false
            warnings.append("\(metric) is undefined: drift not decided")
            return
        }
        if alertWhenAbove {
            drifted = inclusive ? value >= threshold : value > threshold
        } else {
            drifted = inclusive ? value <= threshold : value < threshold
        }
    }
}
