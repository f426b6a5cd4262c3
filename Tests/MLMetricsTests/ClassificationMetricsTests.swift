import Testing
@testable import MLMetrics

@Suite("Classification metrics match scikit-learn 1.9.1")
struct ClassificationMetricsTests {
    @Test("binary fixtures: every metric to 1e-9")
    func binaryFixtures() throws {
        for c in try Fixture.cases("classification", "binary") {
            let y = c.ints("y_true"), yhat = c.ints("y_pred"), s = c.doubles("score")
            let yb = y.map { $0 == 1 }
            #expect(close(try ClassificationMetrics.accuracy(yTrue: y, yPred: yhat), c.double("accuracy")), "\(c.name)")
            #expect(close(try ClassificationMetrics.balancedAccuracy(yTrue: y, yPred: yhat).value, c.double("balanced_accuracy")), "\(c.name)")
            for averaging in Averaging.allCases {
                let prf = try ClassificationMetrics.precisionRecallF1(yTrue: y, yPred: yhat, averaging: averaging, positive: 1)
                let suffix = averaging == .binary ? "" : "_\(averaging.rawValue)"
                #expect(close(prf.precision.value, c.double("precision" + suffix)), "\(c.name) precision\(suffix)")
                #expect(close(prf.recall.value, c.double("recall" + suffix)), "\(c.name) recall\(suffix)")
                #expect(close(prf.f1.value, c.double("f1" + suffix)), "\(c.name) f1\(suffix)")
            }
            #expect(close(try RankingMetrics.rocAUC(yTrue: yb, scores: s).value, c.double("roc_auc")), "\(c.name) roc_auc")
            #expect(close(try RankingMetrics.averagePrecision(yTrue: yb, scores: s).value, c.double("average_precision")), "\(c.name) ap")
            #expect(close(try ProbabilityMetrics.logLoss(yTrue: yb, probabilities: s), c.double("log_loss")), "\(c.name) log_loss")
            #expect(close(try ProbabilityMetrics.brierScore(yTrue: yb, probabilities: s), c.double("brier_score")), "\(c.name) brier")
            let cm = c.object("confusion_matrix")
            let counts = try ConfusionMatrix(yTrue: y, yPred: yhat, labels: [0, 1]).binaryCounts(positive: 1)
            #expect(counts == BinaryCounts(tn: cm.int("tn") ?? -1, fp: cm.int("fp") ?? -1, fn: cm.int("fn") ?? -1, tp: cm.int("tp") ?? -1), "\(c.name)")
        }
    }

    @Test("multiclass fixtures: macro and weighted averages, confusion matrix")
    func multiclassFixtures() throws {
        for c in try Fixture.cases("classification", "multiclass") {
            let y = c.ints("y_true"), yhat = c.ints("y_pred")
            #expect(close(try ClassificationMetrics.accuracy(yTrue: y, yPred: yhat), c.double("accuracy")))
            #expect(close(try ClassificationMetrics.balancedAccuracy(yTrue: y, yPred: yhat).value, c.double("balanced_accuracy")))
            for averaging in [Averaging.macro, .weighted] {
                let prf = try ClassificationMetrics.precisionRecallF1(yTrue: y, yPred: yhat, averaging: averaging, positive: 1)
                #expect(close(prf.precision.value, c.double("precision_\(averaging.rawValue)")), "\(c.name) \(averaging)")
                #expect(close(prf.recall.value, c.double("recall_\(averaging.rawValue)")), "\(c.name) \(averaging)")
                #expect(close(prf.f1.value, c.double("f1_\(averaging.rawValue)")), "\(c.name) \(averaging)")
            }
            let expected = (c["confusion_matrix"] as? [[Int]]) ?? []
            #expect(try ConfusionMatrix(yTrue: y, yPred: yhat).counts == expected)
        }
    }

    @Test("zero division gives 0 with a warning; single-class AUC is undefined")
    func edgeCases() throws {
        let prf = try ClassificationMetrics.precisionRecallF1(yTrue: [0, 1, 1], yPred: [0, 0, 0], averaging: .binary, positive: 1)
        #expect(prf.precision.value == 0)
        #expect(prf.precision.warnings.count == 1)
        #expect(prf.recall.warnings.isEmpty)
        let auc = try RankingMetrics.rocAUC(yTrue: [false, false], scores: [0.1, 0.9])
        #expect(auc.value == nil)
        #expect(auc.warnings.first?.contains("one class") == true)
        let ap = try RankingMetrics.averagePrecision(yTrue: [false, false, false], scores: [0.1, 0.5, 0.9])
        #expect(ap.value == 0)
        #expect(!ap.warnings.isEmpty)
        #expect(try RankingMetrics.rocAUC(yTrue: [false, true, true, false], scores: [0.3, 0.3, 0.8, 0.1]).value == 0.875)
    }

    @Test("log loss caps a confidently wrong row at -log(eps)")
    func logLossClipping() throws {
        let loss = try ProbabilityMetrics.logLoss(yTrue: [true], probabilities: [0])
        #expect(abs(loss - 36.04365338911715) < 1e-9)
    }

    @Test("bad input is rejected with a clear error")
    func badInput() {
        #expect(throws: MetricsError.lengthMismatch(what: "predictions", expected: 2, actual: 1)) {
            try ClassificationMetrics.accuracy(yTrue: [1, 0], yPred: [1])
        }
        #expect(throws: MetricsError.empty(what: "y_true")) {
            try ClassificationMetrics.accuracy(yTrue: [Int](), yPred: [])
        }
        #expect(throws: MetricsError.nonFinite(what: "scores", index: 1)) {
            try RankingMetrics.rocAUC(yTrue: [true, false], scores: [0.2, .nan])
        }
        #expect(throws: MetricsError.probabilityOutOfRange(what: "probabilities", index: 0, value: 1.5)) {
            try ProbabilityMetrics.brierScore(yTrue: [true], probabilities: [1.5])
        }
    }

    @Test("threshold sweep counts match a direct count")
    func sweep() throws {
        let y = [true, false, true, true, false]
        let s = [0.9, 0.6, 0.4, 0.7, 0.1]
        let points = try ThresholdSweep.sweep(yTrue: y, scores: s, thresholds: [0.5])
        let p = try #require(points.first)
        #expect(p.counts == BinaryCounts(tn: 1, fp: 1, fn: 1, tp: 2))
        #expect(p.precision == 2.0 / 3.0)
        #expect(p.recall == 2.0 / 3.0)
        #expect(p.selectionRate == 0.6)
    }
}
