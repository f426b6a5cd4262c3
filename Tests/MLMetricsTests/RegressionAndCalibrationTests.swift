import Testing
@testable import MLMetrics

@Suite("Regression metrics and calibration match scikit-learn")
struct RegressionAndCalibrationTests {
    @Test("regression fixtures: rmse, mae, r2, mape to 1e-9")
    func regressionFixtures() throws {
        for c in try Fixture.cases("regression", "cases") {
            let y = c.doubles("y_true"), p = c.doubles("y_pred")
            #expect(close(try RegressionMetrics.rmse(yTrue: y, yPred: p), c.double("rmse")), "\(c.name)")
            #expect(close(try RegressionMetrics.mae(yTrue: y, yPred: p), c.double("mae")), "\(c.name)")
            #expect(close(try RegressionMetrics.r2(yTrue: y, yPred: p).value, c.double("r2")), "\(c.name)")
            let mape = try RegressionMetrics.mape(yTrue: y, yPred: p).value ?? .nan
            let expected = c.double("mape") ?? .nan
            #expect(abs(mape - expected) <= 1e-9 * max(1, abs(expected)), "\(c.name)")
        }
    }

    @Test("constant target: r2 is 0 with a warning unless perfect")
    func constantTarget() throws {
        let r = try RegressionMetrics.r2(yTrue: [3, 3, 3], yPred: [3, 2, 4])
        #expect(r.value == 0)
        #expect(r.warnings.count == 1)
        #expect(try RegressionMetrics.r2(yTrue: [3, 3], yPred: [3, 3]).value == 1)
        #expect(throws: MetricsError.nonFinite(what: "predictions", index: 0)) {
            try RegressionMetrics.rmse(yTrue: [1], yPred: [.infinity])
        }
    }

    @Test("calibration curve and isotonic calibration fixtures")
    func calibrationFixtures() throws {
        for c in try Fixture.cases("calibration", "cases") {
            let y = c.ints("y_true").map { $0 == 1 }, p = c.doubles("probability")
            let bins = c.int("bins") ?? 5
            let curve = try ProbabilityMetrics.calibrationCurve(yTrue: y, probabilities: p, bins: bins)
            let trueFrac = c.doubles("prob_true"), predMean = c.doubles("prob_pred")
            #expect(curve.count == trueFrac.count)
            for (bin, (t, m)) in zip(curve, zip(trueFrac, predMean)) {
                #expect(close(bin.fractionOfPositives, t))
                #expect(close(bin.meanPredictedProbability, m))
            }
            let iso = try IsotonicCalibrator(scores: p, targets: y.map { $0 ? 1 : 0 })
            for (x, v) in zip(c.doubles("isotonic_grid"), c.doubles("isotonic_values")) {
                #expect(close(iso.calibrate(x), v), "grid \(x)")
            }
            for (x, v) in zip(p, c.doubles("isotonic_train")) {
                #expect(close(iso.calibrate(x), v), "train \(x)")
            }
        }
    }
}
