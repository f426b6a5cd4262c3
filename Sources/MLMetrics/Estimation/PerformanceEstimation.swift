/// Classifier performance estimated without labels from calibrated probabilities (NannyML's CBPE).
public struct EstimatedPerformance: Sendable, Equatable, Codable {
    /// Rows the estimate covers.
    public let rows: Int
    /// Expected confusion counts Σ p over predicted positives, etc.
    public let expectedTruePositives: Double
    public let expectedFalsePositives: Double
    public let expectedFalseNegatives: Double
    public let expectedTrueNegatives: Double
    /// (E[TP] + E[TN]) / n.
    public let accuracy: Double
    /// E[TP] / (E[TP] + E[FP]), 0 when the denominator is 0.
    public let precision: Double
    /// E[TP] / (E[TP] + E[FN]), 0 when the denominator is 0.
    public let recall: Double
    /// E[TP] / (E[TP] + ½(E[FP] + E[FN])), 0 when the denominator is 0.
    public let f1: Double
    /// Trapezoid area of the expected ROC curve; nil when expected positives or negatives are 0.
    public let rocAUC: Double?

    /// Estimates from calibrated probabilities and the model's 0/1 predictions.
    public init(calibrated p: [Double], predictions: [Bool]) {
        var tp = 0.0, fp = 0.0, fn = 0.0, tn = 0.0
        for (pi, yhat) in zip(p, predictions) {
            if yhat { tp += pi; fp += 1 - pi } else { fn += pi; tn += 1 - pi }
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
        rows = p.count
        expectedTruePositives = tp; expectedFalsePositives = fp
        expectedFalseNegatives = fn; expectedTrueNegatives = tn
        accuracy = ratio(tp + tn, Double(p.count))
        precision = ratio(tp, tp + fp)
        recall = ratio(tp, tp + fn)
        f1 = ratio(tp, tp + 0.5 * (fp + fn))
        let sorted = p.sorted(by: >)
        var cumTP = [0.0], cumFP = [0.0]
        for v in sorted {
            cumTP.append((cumTP.last ?? 0) + v)
            cumFP.append((cumFP.last ?? 0) + (1 - v))
        }
        let totalTP = cumTP.last ?? 0, totalFP = cumFP.last ?? 0
        if totalTP > 0 && totalFP > 0 {
            var area = 0.0
            for i in 1..<cumTP.count {
                area += (cumFP[i] - cumFP[i - 1]) / totalFP * (cumTP[i] + cumTP[i - 1]) / totalTP / 2
            }
            rocAUC = area
        } else {
            rocAUC = nil
        }
    }
}
