import Testing
@testable import MLMetrics

@Suite("CBPE estimation and error analysis")
struct EstimationTests {
    /// Deterministic, perfectly calibrated data: a row with score p is positive in a share p of cases.
    private func calibratedSample(_ n: Int) -> (labels: [Bool], scores: [Double]) {
        var labels: [Bool] = [], scores: [Double] = []
        for i in 0..<n {
            let p = Double(i % 10) / 10 + 0.05
            scores.append(p)
            labels.append(Double((i / 10) % 10) / 10 < p)
        }
        return (labels, scores)
    }

    @Test("on calibrated scores the estimate equals the realized metrics")
    func estimateMatchesRealized() throws {
        let (labels, scores) = calibratedSample(2000)
        let estimator = try ConfidenceBasedEstimator(referenceLabels: labels, referenceScores: scores)
        let estimate = try estimator.estimate(scores: scores)
        let yhat = scores.map { $0 >= 0.5 }
        let realized = GroupMetrics(group: "all", yTrue: labels, yPred: yhat)
        #expect(abs(estimate.accuracy - realized.accuracy) < 0.01)
        #expect(abs(estimate.precision - realized.precision) < 0.01)
        #expect(abs(estimate.recall - realized.truePositiveRate) < 0.01)
        let auc = try #require(try RankingMetrics.rocAUC(yTrue: labels, scores: scores).value)
        #expect(abs((estimate.rocAUC ?? 0) - auc) < 0.02)
        let band = try #require(estimator.thresholds(metric: "accuracy"))
        #expect(band.lower <= realized.accuracy && realized.accuracy <= band.upper)
    }

    @Test("expected counts follow the CBPE formulas")
    func expectedCounts() {
        let e = EstimatedPerformance(calibrated: [0.9, 0.2, 0.6, 0.1], predictions: [true, false, true, false])
        #expect(abs(e.expectedTruePositives - 1.5) < 1e-12)
        #expect(abs(e.expectedFalsePositives - 0.5) < 1e-12)
        #expect(abs(e.expectedFalseNegatives - 0.3) < 1e-12)
        #expect(abs(e.expectedTrueNegatives - 1.7) < 1e-12)
        #expect(abs(e.accuracy - 0.8) < 1e-12)
        #expect(abs(e.f1 - 1.5 / (1.5 + 0.4)) < 1e-12)
    }

    @Test("isotonic calibration is monotone and fixes a miscalibrated score")
    func calibration() throws {
        var labels: [Bool] = [], scores: [Double] = []
        for i in 0..<1000 {
            let s = Double(i % 10) / 10 + 0.05
            scores.append(s)
            labels.append(Double((i / 10) % 10) / 10 < s * s)
        }
        let estimator = try ConfidenceBasedEstimator(referenceLabels: labels, referenceScores: scores)
        #expect(estimator.calibrator != nil)
        let c = estimator.calibrate([0.05, 0.25, 0.55, 0.95])
        #expect(c == c.sorted())
        #expect(abs(c[2] - 0.4) < 1e-12, "4 of 10 rows with score 0.55 are positive (0.3 < 0.55² < 0.4)")
    }

    @Test("error analysis ranks the slice with the most errors first")
    func errorSlices() throws {
        let n = 400
        let group: [String?] = (0..<n).map { $0 % 4 == 0 ? "bad" : "good" }
        let age: [Double?] = (0..<n).map { $0 % 50 == 0 ? nil : Double($0 % 80) }
        let errors: [Double] = (0..<n).map { $0 % 4 == 0 ? 1 : ($0 % 80 >= 60 ? 0.5 : 0) }
        let slices = try ErrorAnalysis.topSlices(errors: errors, features: [("group", .categorical(group)), ("age", .numeric(age))],
                                                 bins: 4, minRows: 5, top: 3)
        let first = try #require(slices.first)
        #expect(first.condition == "group = bad")
        #expect(first.errorRate == 1)
        #expect(slices.count == 3)
        #expect(slices[1].feature == "age")
        #expect(slices[1].condition.hasPrefix("age in [60"))
    }
}
