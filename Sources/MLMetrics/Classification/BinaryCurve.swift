/// Cumulative counts at each distinct score, highest score first (`_binary_clf_curve`).
public struct BinaryCurve: Sendable, Equatable {
    /// Distinct scores, descending.
    public let thresholds: [Double]
    /// Negatives with score ≥ threshold.
    public let falsePositives: [Int]
    /// Positives with score ≥ threshold.
    public let truePositives: [Int]

    /// Builds the curve; throws on empty, misaligned or non-finite input.
    public init(yTrue: [Bool], scores: [Double]) throws {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, scores.count, "scores")
        try Check.finite(scores, "scores")
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var thresholds: [Double] = [], fps: [Int] = [], tps: [Int] = []
        var tp = 0
        for (rank, i) in order.enumerated() {
            if yTrue[i] { tp += 1 }
            let isLastOfValue = rank == order.count - 1 || scores[order[rank + 1]] != scores[i]
            if isLastOfValue {
                thresholds.append(scores[i])
                tps.append(tp)
                fps.append(rank + 1 - tp)
            }
        }
        self.thresholds = thresholds
        self.falsePositives = fps
        self.truePositives = tps
    }
}
