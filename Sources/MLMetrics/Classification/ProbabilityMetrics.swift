import Foundation

/// One non-empty bin of a calibration curve.
public struct CalibrationBin: Sendable, Equatable, Codable {
    /// Share of positives among the bin's rows (`prob_true`).
    public let fractionOfPositives: Double
    /// Mean predicted probability in the bin (`prob_pred`).
    public let meanPredictedProbability: Double
    /// Rows in the bin.
    public let count: Int
}

/// Metrics on predicted probabilities of the positive class.
public enum ProbabilityMetrics {
    /// float64 machine epsilon, scikit-learn's log-loss clip.
    public static let epsilon = Double.ulpOfOne

    /// Binary cross-entropy with probabilities clipped to [ε, 1−ε] after forming both class columns,
    /// as `log_loss(y, p)` with labels [0, 1].
    public static func logLoss(yTrue: [Bool], probabilities: [Double]) throws -> Double {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, probabilities.count, "probabilities")
        try Check.probabilities(probabilities, "probabilities")
        var total = 0.0
        for (y, p) in zip(yTrue, probabilities) {
            let q = y ? p : 1 - p
            total += -log(min(max(q, epsilon), 1 - epsilon))
        }
        return total / Double(yTrue.count)
    }

    /// Mean squared difference between the positive-class probability and the 0/1 label.
    public static func brierScore(yTrue: [Bool], probabilities: [Double]) throws -> Double {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, probabilities.count, "probabilities")
        try Check.probabilities(probabilities, "probabilities")
        var total = 0.0
        for (y, p) in zip(yTrue, probabilities) {
            let d = p - (y ? 1 : 0)
            total += d * d
        }
        return total / Double(yTrue.count)
    }

    /// Uniform bins over [0, 1]; a probability on an inner edge goes to the lower bin
    /// (`searchsorted(inner_edges, p)`, side left), as `calibration_curve(strategy='uniform')`.
    static func binIndex(_ p: Double, bins: Int) -> Int {
        var lo = 0, hi = bins - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            let edge = innerEdge(mid + 1, bins: bins)
            if edge < p { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Edge k of `np.linspace(0, 1, bins + 1)`, which numpy computes as k · (1/bins).
    private static func innerEdge(_ k: Int, bins: Int) -> Double {
        Double(k) * (1.0 / Double(bins))
    }

    /// The calibration curve with empty bins dropped (`calibration_curve(y, p, n_bins=bins)`).
    public static func calibrationCurve(yTrue: [Bool], probabilities: [Double], bins: Int = 5) throws -> [CalibrationBin] {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, probabilities.count, "probabilities")
        try Check.probabilities(probabilities, "probabilities")
        guard bins >= 1 else { throw MetricsError.invalidArgument("the number of calibration bins must be at least 1, got \(bins)") }
        var sumP = [Double](repeating: 0, count: bins)
        var sumY = [Double](repeating: 0, count: bins)
        var count = [Int](repeating: 0, count: bins)
        for (y, p) in zip(yTrue, probabilities) {
            let b = binIndex(p, bins: bins)
            sumP[b] += p
            sumY[b] += y ? 1 : 0
            count[b] += 1
        }
        return (0..<bins).compactMap { b in
            guard count[b] > 0 else { return nil }
            return CalibrationBin(fractionOfPositives: sumY[b] / Double(count[b]),
                                  meanPredictedProbability: sumP[b] / Double(count[b]), count: count[b])
        }
    }

    /// Expected calibration error Σ_b (n_b/N)·|mean(y)_b − mean(p)_b| over the same bins as the curve.
    public static func expectedCalibrationError(yTrue: [Bool], probabilities: [Double], bins: Int = 10) throws -> Double {
        let curve = try calibrationCurve(yTrue: yTrue, probabilities: probabilities, bins: bins)
        let n = Double(yTrue.count)
        return curve.reduce(0) { $0 + Double($1.count) / n * abs($1.fractionOfPositives - $1.meanPredictedProbability) }
    }
}
