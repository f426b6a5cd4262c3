/// A metric an Azure ML data-drift signal can alert on (`metric_thresholds` in the monitor YAML).
public enum AzureDriftMetric: String, Sendable, CaseIterable, Codable {
    case jensenShannonDistance = "jensen_shannon_distance"
    case normalizedWassersteinDistance = "normalized_wasserstein_distance"
    case populationStabilityIndex = "population_stability_index"
    case twoSampleKolmogorovSmirnovTest = "two_sample_kolmogorov_smirnov_test"
    case pearsonsChiSquaredTest = "pearsons_chi_squared_test"

    /// p-value tests alert when the value is below the threshold; distances when above.
    public var alertsBelowThreshold: Bool {
        self == .twoSampleKolmogorovSmirnovTest || self == .pearsonsChiSquaredTest
    }

    /// Whether Azure computes the metric for a feature of this kind.
    public func applies(to kind: FeatureDrift.Kind) -> Bool {
        switch self {
        case .jensenShannonDistance, .populationStabilityIndex: return true
        case .normalizedWassersteinDistance, .twoSampleKolmogorovSmirnovTest: return kind == .numerical
        case .pearsonsChiSquaredTest: return kind == .categorical
        }
    }

    /// The metric's value in a result.
    public func value(in drift: FeatureDrift) -> Double? {
        switch self {
        case .jensenShannonDistance: return drift.jensenShannonDistance
        case .normalizedWassersteinDistance: return drift.normalizedWassersteinDistance
        case .populationStabilityIndex: return drift.populationStabilityIndex
        case .twoSampleKolmogorovSmirnovTest: return drift.ksPValue
        case .pearsonsChiSquaredTest: return drift.chiSquaredPValue
        }
    }
}

extension FeatureDrift {
    /// Re-decides drift on another Azure metric and threshold (value > threshold for distances,
    /// value < threshold for p-values). Throws when the metric does not apply to the feature's kind.
    public mutating func decide(on metric: AzureDriftMetric, threshold: Double) throws {
        guard metric.applies(to: kind) else {
            throw MetricsError.invalidArgument("\(metric.rawValue) does not apply to \(kind.rawValue) features")
        }
        decide(metric: metric.rawValue, value: metric.value(in: self), threshold: threshold,
               alertWhenAbove: !metric.alertsBelowThreshold)
    }
}
