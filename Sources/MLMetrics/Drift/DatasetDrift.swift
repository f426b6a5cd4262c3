/// Summary over all checked features. A feature whose drift is not computable (one side has no
/// non-missing values) counts neither as drifted nor in the denominator; `notComputableCount` says how many.
public struct DatasetDrift: Sendable, Equatable {
    /// Drifted features / features checked (0 when none were checked).
    public let driftShare: Double
    /// Number of drifted features.
    public let driftedCount: Int
    /// Number of features checked (drift computable).
    public let featureCount: Int
    /// Features left out because their drift could not be computed.
    public let notComputableCount: Int
    /// azure: any feature drifted (the signal alerts on any breach); evidently: share ≥ `shareThreshold`.
    public let datasetDrift: Bool
    /// The share threshold used by the evidently rule.
    public let shareThreshold: Double

    /// Aggregates per-feature results.
    public init(features: [FeatureDrift], dialect: DriftDialect, shareThreshold: Double = DriftDialect.defaultDriftShare) {
        let checked = features.filter(\.computable)
        let drifted = checked.filter(\.drifted).count
        featureCount = checked.count
        notComputableCount = features.count - checked.count
        driftedCount = drifted
        driftShare = checked.isEmpty ? 0 : Double(drifted) / Double(checked.count)
        self.shareThreshold = shareThreshold
        switch dialect {
        case .azure: datasetDrift = drifted > 0
        case .evidently: datasetDrift = !checked.isEmpty && driftShare >= shareThreshold
        }
    }
}
