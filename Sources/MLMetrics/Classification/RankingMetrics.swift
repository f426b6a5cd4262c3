/// One point of a ROC curve.
public struct ROCPoint: Sendable, Equatable, Codable {
    public let falsePositiveRate: Double
    public let truePositiveRate: Double
    public let threshold: Double
}

/// Score-based metrics (`roc_auc_score`, `average_precision_score`) for binary labels.
public enum RankingMetrics {
    /// ROC curve with scikit-learn's `drop_intermediate=True` and the leading (0, 0) point
    /// (threshold +∞). Nil with a warning when y_true holds a single class.
    public static func rocCurve(yTrue: [Bool], scores: [Double]) throws -> (points: [ROCPoint], warnings: [String]) {
        let curve = try BinaryCurve(yTrue: yTrue, scores: scores)
        let n = curve.thresholds.count
        var keep: [Int] = []
        for i in 0..<n {
            if i == 0 || i == n - 1 { keep.append(i); continue }
            let dfp = curve.falsePositives[i + 1] - 2 * curve.falsePositives[i] + curve.falsePositives[i - 1]
            let dtp = curve.truePositives[i + 1] - 2 * curve.truePositives[i] + curve.truePositives[i - 1]
            if dfp != 0 || dtp != 0 { keep.append(i) }
        }
        let totalFP = Double(curve.falsePositives[n - 1]), totalTP = Double(curve.truePositives[n - 1])
        var warnings: [String] = []
        if totalFP == 0 { warnings.append("no negative samples in y_true: false positive rate is undefined") }
        if totalTP == 0 { warnings.append("no positive samples in y_true: true positive rate is undefined") }
        var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0, threshold: .infinity)]
        for i in keep {
            points.append(ROCPoint(
                falsePositiveRate: totalFP > 0 ? Double(curve.falsePositives[i]) / totalFP : .nan,
                truePositiveRate: totalTP > 0 ? Double(curve.truePositives[i]) / totalTP : .nan,
                threshold: curve.thresholds[i]))
        }
        return (points, warnings)
    }

    /// Area under the ROC curve by the trapezoid rule (tied scores count one half).
    /// Undefined (nil plus a warning) when y_true holds a single class, as scikit-learn 1.9.
    public static func rocAUC(yTrue: [Bool], scores: [Double]) throws -> MetricResult {
        let positives = yTrue.reduce(0) { $0 + ($1 ? 1 : 0) }
        let (points, _) = try rocCurve(yTrue: yTrue, scores: scores)
        if positives == 0 || positives == yTrue.count {
            return MetricResult(nil, warnings: ["roc_auc is undefined: only one class is present in y_true"])
        }
        var area = 0.0
        for i in 1..<points.count {
            let dx = points[i].falsePositiveRate - points[i - 1].falsePositiveRate
            area += dx * (points[i].truePositiveRate + points[i - 1].truePositiveRate) / 2
        }
        return MetricResult(area)
    }

    /// Step-wise average precision Σ (R_n − R_{n−1}) P_n over distinct thresholds (no interpolation).
    /// No positives: 0.0 with a warning (recall is taken as 1 everywhere, as scikit-learn does).
    public static func averagePrecision(yTrue: [Bool], scores: [Double]) throws -> MetricResult {
        let curve = try BinaryCurve(yTrue: yTrue, scores: scores)
        let totalTP = curve.truePositives.last ?? 0
        var warnings: [String] = []
        if totalTP == 0 {
            warnings.append("no positive class found in y_true: recall is set to 1 for all thresholds and average precision is 0")
        }
        var ap = 0.0
        var previousRecall = 0.0
        for i in curve.thresholds.indices {
            let tp = curve.truePositives[i], fp = curve.falsePositives[i]
            let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
            let recall = totalTP > 0 ? Double(tp) / Double(totalTP) : 1
            ap += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return MetricResult(ap, warnings: warnings)
    }
}
