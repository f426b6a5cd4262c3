/// Binary classification metrics for one group of rows (one row of Fairlearn's `MetricFrame.by_group`).
public struct GroupMetrics: Sendable, Equatable, Codable {
    /// The sensitive-feature value, or "overall".
    public let group: String
    /// Rows in the group.
    public let count: Int
    /// Share of rows predicted positive (`selection_rate`).
    public let selectionRate: Double
    /// Share of correct predictions.
    public let accuracy: Double
    /// TP/(TP+FP); 0 when nothing is predicted positive.
    public let precision: Double
    /// TP/(TP+FN) (`true_positive_rate`); 0 when the group has no positives, as Fairlearn.
    public let truePositiveRate: Double
    /// FP/(FP+TN) (`false_positive_rate`); 0 when the group has no negatives, as Fairlearn.
    public let falsePositiveRate: Double
    /// 2TP/(2TP+FP+FN); 0 when undefined.
    public let f1: Double
    /// The confusion counts behind the rates.
    public let counts: BinaryCounts

    /// Computes the metrics of one group from aligned labels and predictions.
    public init(group: String, yTrue: [Bool], yPred: [Bool]) {
        var tp = 0, fp = 0, fn = 0, tn = 0
        for (y, p) in zip(yTrue, yPred) {
            switch (y, p) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (true, false): fn += 1
            case (false, false): tn += 1
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        let n = tp + fp + fn + tn
        self.group = group
        self.count = n
        self.selectionRate = ratio(tp + fp, n)
        self.accuracy = ratio(tp + tn, n)
        self.precision = ratio(tp, tp + fp)
        self.truePositiveRate = ratio(tp, tp + fn)
        self.falsePositiveRate = ratio(fp, fp + tn)
        self.f1 = ratio(2 * tp, 2 * tp + fp + fn)
        self.counts = BinaryCounts(tn: tn, fp: fp, fn: fn, tp: tp)
    }
}
