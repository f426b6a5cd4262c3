/// Metrics of the classifier "positive when score ≥ threshold" at one threshold.
public struct ThresholdPoint: Sendable, Equatable, Codable {
    public let threshold: Double
    public let counts: BinaryCounts
    /// TP/(TP+FP); 0 when nothing is predicted positive (scikit-learn's zero-division rule).
    public let precision: Double
    /// TP/(TP+FN); 0 when there are no positives.
    public let recall: Double
    /// 2TP/(2TP+FP+FN); 0 when the denominator is 0.
    public let f1: Double
    /// (TP+TN)/n.
    public let accuracy: Double
    /// Share of rows predicted positive.
    public let selectionRate: Double
}

/// Evaluates a score at a list of thresholds, for choosing an operating point.
public enum ThresholdSweep {
    /// Thresholds 0, 1/steps, ..., 1 (steps + 1 values).
    public static func evenThresholds(steps: Int) -> [Double] {
        guard steps > 0 else { return [0.5] }
        return (0...steps).map { Double($0) / Double(steps) }
    }

    /// One point per threshold; a row is predicted positive when its score is ≥ the threshold.
    public static func sweep(yTrue: [Bool], scores: [Double], thresholds: [Double]) throws -> [ThresholdPoint] {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, scores.count, "scores")
        try Check.finite(scores, "scores")
        let n = Double(yTrue.count)
        return thresholds.map { t in
            var tp = 0, fp = 0, fn = 0, tn = 0
            for (y, s) in zip(yTrue, scores) {
                switch (y, s >= t) {
                case (true, true): tp += 1
                case (false, true): fp += 1
                case (true, false): fn += 1
                case (false, false): tn += 1
                }
            }
            func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
            return ThresholdPoint(threshold: t, counts: BinaryCounts(tn: tn, fp: fp, fn: fn, tp: tp),
                                  precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn),
                                  f1: ratio(2 * tp, 2 * tp + fp + fn), accuracy: Double(tp + tn) / n,
                                  selectionRate: Double(tp + fp) / n)
        }
    }
}
