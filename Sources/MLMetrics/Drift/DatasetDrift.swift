/// Summary over all checked features.
public struct DatasetDrift: Sendable, Equatable {
    /// Drifted features / features checked (0 when none were checked).
    public let driftShare: Double
    /// Number of drifted features.
    public let driftedCount: Int
    /// Number of features checked.
    public let featureCount: Int
    /// azure: any feature drifted (the signal alerts on any breach); evidently: share ≥ `shareThreshold`.
    public let datasetDrift: Bool
    /// The share threshold used by the evidently rule.
    public let shareThreshold: Double

    /// Aggregates per-feature results.
    public init(features: [FeatureDrift], dialect: DriftDialect, shareThreshold: Double = DriftDialect.defaultDriftShare) {
        let drifted = features.filter(\.drifted).count
        featureCount = features.count
        driftedCount = drifted
        driftShare = features.isEmpty ? 0 : Double(drifted) / Double(features.count)
        self.shareThreshold = shareThreshold
        switch dialect {
        case .azure: datasetDrift = drifted > 0
        case .evidently: datasetDrift = !features.isEmpty && driftShare >= shareThreshold
        }
    }
}
