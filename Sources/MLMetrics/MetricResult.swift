/// A metric value that may be undefined, with the warnings raised while computing it.
///
/// scikit-learn's conventions are kept: a zero division yields 0 plus a warning, and a metric that
/// is mathematically undefined (ROC AUC with a single class) yields `nil` (NaN in scikit-learn) plus
/// a warning. `nil` is printed as JSON `null`, never as NaN.
public struct MetricResult: Sendable, Equatable {
    /// The number, or nil when undefined.
    public let value: Double?
    /// Human-readable warnings (zero division, undefined cases).
    public let warnings: [String]

    public init(_ value: Double?, warnings: [String] = []) {
        self.value = value
        self.warnings = warnings
    }
}
