/// Monotone (non-decreasing) calibration of scores to probabilities, as scikit-learn's
/// `IsotonicRegression(out_of_bounds='clip')`: tied scores are averaged, the pool-adjacent-violators
/// algorithm fits the step function, and prediction interpolates linearly between fitted points
/// with inputs clipped to the fitted range.
public struct IsotonicCalibrator: Sendable, Equatable {
    /// Distinct fitted scores, ascending.
    public let thresholds: [Double]
    /// Fitted values at `thresholds`.
    public let values: [Double]

    /// Fits on scores and 0/1 targets. Throws on empty, misaligned or non-finite input.
    public init(scores: [Double], targets: [Double]) throws {
        try Check.nonEmpty(scores.count, "calibration scores")
        try Check.sameLength(scores.count, targets.count, "calibration targets")
        try Check.finite(scores, "calibration scores")
        let order = scores.indices.sorted { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && targets[$0] < targets[$1]) }
        var xs: [Double] = [], ys: [Double] = [], ws: [Double] = []
        for i in order {
            if let last = xs.last, last == scores[i], let w = ws.last, let y = ys.last {
                ys[ys.count - 1] = (y * w + targets[i]) / (w + 1)
                ws[ws.count - 1] = w + 1
            } else {
                xs.append(scores[i]); ys.append(targets[i]); ws.append(1)
            }
        }
        thresholds = xs
        values = IsotonicCalibrator.poolAdjacentViolators(ys, weights: ws)
    }

    /// Weighted least-squares non-decreasing fit.
    static func poolAdjacentViolators(_ y: [Double], weights: [Double]) -> [Double] {
        var blockValue: [Double] = [], blockWeight: [Double] = [], blockSize: [Int] = []
        for i in y.indices {
            blockValue.append(y[i]); blockWeight.append(weights[i]); blockSize.append(1)
            while blockValue.count > 1 && blockValue[blockValue.count - 2] > blockValue[blockValue.count - 1] {
                let v2 = blockValue.removeLast(), w2 = blockWeight.removeLast(), s2 = blockSize.removeLast()
                let k = blockValue.count - 1
                let w = blockWeight[k] + w2
                blockValue[k] = (blockValue[k] * blockWeight[k] + v2 * w2) / w
                blockWeight[k] = w
                blockSize[k] += s2
            }
        }
        var out: [Double] = []
        for (v, s) in zip(blockValue, blockSize) { out.append(contentsOf: repeatElement(v, count: s)) }
        return out
    }

    /// Calibrated probability for one score.
    public func calibrate(_ score: Double) -> Double {
        guard let first = thresholds.first, let last = thresholds.last, let v0 = values.first, let vn = values.last else { return score }
        if thresholds.count == 1 { return v0 }
        let x = min(max(score, first), last)
        if x <= first { return v0 }
        if x >= last { return vn }
        let hi = Binning.upperBound(thresholds, x)
        let lo = hi - 1
        guard lo >= 0, hi < thresholds.count else { return vn }
        let x0 = thresholds[lo], x1 = thresholds[hi]
        let slope = (values[hi] - values[lo]) / (x1 - x0)
        return values[lo] + slope * (x - x0)
    }
}
