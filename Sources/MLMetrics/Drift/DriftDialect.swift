/// Whose rules a drift number follows. The two tools bin, smooth, normalise and decide differently,
/// so every report names its dialect.
public enum DriftDialect: String, Sendable, CaseIterable, Codable {
    /// Azure ML model monitoring (SDK/CLI v2 data drift signal).
    case azure
    /// Evidently 0.7 legacy data-drift algorithm (also behind `DataDriftPreset`).
    case evidently

    /// Default alert threshold for a numerical feature's decision metric.
    public var numericalThreshold: Double { 0.1 }
    /// Default alert threshold for a categorical feature's decision metric.
    public var categoricalThreshold: Double { 0.1 }
    /// Evidently's p-value threshold for KS, chi-squared and Z tests.
    public static let evidentlyPValueThreshold = 0.05
    /// Evidently's reference size above which distances replace p-value tests.
    public static let evidentlyLargeReference = 1000
    /// Evidently's default share of drifted columns for dataset drift.
    public static let defaultDriftShare = 0.5
}
