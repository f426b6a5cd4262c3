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
