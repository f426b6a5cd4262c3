/// Group fairness of a binary classifier as Fairlearn 0.15 defines it: a per-group metric table and
/// the between-groups disparities.
public struct FairnessReport: Sendable, Equatable {
    /// Metrics on all rows.
    public let overall: GroupMetrics
    /// One entry per sensitive value, sorted by value.
    public let byGroup: [GroupMetrics]
    /// max − min selection rate (`demographic_parity_difference`).
    public let demographicParityDifference: Double
    /// min / max selection rate (`demographic_parity_ratio`); nil when every group's rate is 0.
    public let demographicParityRatio: Double?
    /// max(TPR difference, FPR difference) (`equalized_odds_difference`, agg='worst_case').
    public let equalizedOddsDifference: Double
    /// min(TPR ratio, FPR ratio) (`equalized_odds_ratio`); nil when a ratio is 0/0.
    public let equalizedOddsRatio: Double?
    /// Undefined rates and ratios, spelled out.
    public let warnings: [String]

    /// Computes the report. Throws on empty or misaligned input.
    public init(yTrue: [Bool], yPred: [Bool], groups: [String]) throws {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, yPred.count, "predictions")
        try Check.sameLength(yTrue.count, groups.count, "sensitive feature")
        var rows: [String: [Int]] = [:]
        for (i, g) in groups.enumerated() { rows[g, default: []].append(i) }
        let names = rows.keys.sorted()
        var warnings: [String] = []
        var table: [GroupMetrics] = []
        for name in names {
            let idx = rows[name] ?? []
            let m = GroupMetrics(group: name, yTrue: idx.map { yTrue[$0] }, yPred: idx.map { yPred[$0] })
            if m.counts.tp + m.counts.fn == 0 {
                warnings.append("group \(name) has no positive labels: its true positive rate is taken as 0 (Fairlearn's convention)")
            }
            if m.counts.fp + m.counts.tn == 0 {
                warnings.append("group \(name) has no negative labels: its false positive rate is taken as 0 (Fairlearn's convention)")
            }
            table.append(m)
        }
        func spread(_ values: [Double]) -> (difference: Double, ratio: Double?) {
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            return (hi - lo, hi == 0 ? nil : lo / hi)
        }
        let dp = spread(table.map(\.selectionRate))
        let tpr = spread(table.map(\.truePositiveRate))
        let fpr = spread(table.map(\.falsePositiveRate))
        if dp.ratio == nil { warnings.append("demographic_parity_ratio is undefined: every group's selection rate is 0") }
        let eoRatio: Double? = {
            guard let a = tpr.ratio, let b = fpr.ratio else { return nil }
            return min(a, b)
        }()
        if eoRatio == nil { warnings.append("equalized_odds_ratio is undefined: a rate is 0 in every group (0/0)") }
        self.overall = GroupMetrics(group: "overall", yTrue: yTrue, yPred: yPred)
        self.byGroup = table
        self.demographicParityDifference = dp.difference
        self.demographicParityRatio = dp.ratio
        self.equalizedOddsDifference = max(tpr.difference, fpr.difference)
        self.equalizedOddsRatio = eoRatio
        self.warnings = warnings
    }
}
