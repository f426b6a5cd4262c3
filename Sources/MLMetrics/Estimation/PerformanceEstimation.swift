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

/// Confidence-based performance estimation: fit on labelled reference data, estimate on unlabelled data.
public struct ConfidenceBasedEstimator: Sendable {
    /// The fitted calibrator, or nil when calibration did not lower the expected calibration error.
    public let calibrator: IsotonicCalibrator?
    /// Expected calibration error (10 uniform bins) of the raw reference scores.
    public let referenceECE: Double
    /// Mean ECE of calibrated scores over 10 deterministic folds (row index mod 10).
    public let crossValidatedCalibratedECE: Double?
    /// Score at or above which a row is predicted positive when no prediction column is given.
    public let threshold: Double
    /// Realized accuracy, precision, recall, f1, roc_auc on the reference chunks.
    public let referenceChunks: [[String: Double]]

    /// Fits on reference labels and scores.
    public init(referenceLabels: [Bool], referenceScores: [Double], threshold: Double = 0.5, chunkCount: Int = 10) throws {
        try Check.nonEmpty(referenceLabels.count, "reference labels")
        try Check.sameLength(referenceLabels.count, referenceScores.count, "reference scores")
        try Check.probabilities(referenceScores, "reference scores")
        let targets = referenceLabels.map { $0 ? 1.0 : 0.0 }
        let ece = try ProbabilityMetrics.expectedCalibrationError(yTrue: referenceLabels, probabilities: referenceScores, bins: 10)
        referenceECE = ece
        var foldECEs: [Double] = []
        if ece > 0 && referenceLabels.count >= 20 {
            for fold in 0..<10 {
                let train = referenceScores.indices.filter { $0 % 10 != fold }
                let test = referenceScores.indices.filter { $0 % 10 == fold }
                let cal = try IsotonicCalibrator(scores: train.map { referenceScores[$0] }, targets: train.map { targets[$0] })
                let calibrated = test.map { cal.calibrate(referenceScores[$0]) }
                foldECEs.append(try ProbabilityMetrics.expectedCalibrationError(
                    yTrue: test.map { referenceLabels[$0] }, probabilities: calibrated, bins: 10))
            }
        }
        let cvECE = foldECEs.isEmpty ? nil : foldECEs.reduce(0, +) / Double(foldECEs.count)
        crossValidatedCalibratedECE = cvECE
        if let cvECE, cvECE < ece {
            calibrator = try IsotonicCalibrator(scores: referenceScores, targets: targets)
        } else {
            calibrator = nil
        }
        self.threshold = threshold
        var chunks: [[String: Double]] = []
        for range in Chunking.ranges(count: referenceLabels.count, chunks: chunkCount) {
            let y = Array(referenceLabels[range]), s = Array(referenceScores[range])
            let yhat = s.map { $0 >= threshold }
            let m = GroupMetrics(group: "reference", yTrue: y, yPred: yhat)
            var row: [String: Double] = [
                "accuracy": m.accuracy, "precision": m.precision, "recall": m.truePositiveRate, "f1": m.f1,
            ]
            if let auc = try RankingMetrics.rocAUC(yTrue: y, scores: s).value { row["roc_auc"] = auc }
            chunks.append(row)
        }
        referenceChunks = chunks
    }

    /// Calibrated probabilities for scores.
    public func calibrate(_ scores: [Double]) -> [Double] {
        guard let calibrator else { return scores }
        return scores.map(calibrator.calibrate)
    }

    /// Estimates on unlabelled scores; predictions default to score ≥ threshold.
    public func estimate(scores: [Double], predictions: [Bool]? = nil) throws -> EstimatedPerformance {
        try Check.nonEmpty(scores.count, "analysis scores")
        try Check.probabilities(scores, "analysis scores")
        if let predictions { try Check.sameLength(scores.count, predictions.count, "predictions") }
        let yhat = predictions ?? scores.map { $0 >= threshold }
        return EstimatedPerformance(calibrated: calibrate(scores), predictions: yhat)
    }

    /// Alert band for a metric: mean ± 3 population std of the realized reference chunk values,
    /// clipped to [0, 1]. Nil when no reference chunk has the metric.
    public func thresholds(metric: String) -> (lower: Double, upper: Double)? {
        let values = referenceChunks.compactMap { $0[metric] }
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let std = DistributionDistances.standardDeviation(values, sample: false)
        return (max(mean - 3 * std, 0), min(mean + 3 * std, 1))
    }
}

/// Splits rows into contiguous chunks of near-equal size, in row order.
public enum Chunking {
    /// `chunks` ranges covering 0..<count (fewer when count < chunks).
    public static func ranges(count: Int, chunks: Int) -> [Range<Int>] {
        let k = max(1, min(chunks, count))
        guard count > 0 else { return [] }
        return (0..<k).map { i in (i * count / k)..<((i + 1) * count / k) }
    }
}
