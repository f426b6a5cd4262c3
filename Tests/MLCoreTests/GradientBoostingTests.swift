import Foundation
import Testing
@testable import MLCore
import MLMetrics

@Suite("Histogram gradient boosting agrees with scikit-learn roughly")
struct GradientBoostingTests {
    private func data(_ name: String) throws -> (DesignMatrix, [Double]) {
        let table = try Fixture.table(name)
        let names = table.columnNames.filter { $0 != "y" }
        return (try DesignMatrix(featureColumns: try names.map { try table.requireNumbers($0) }, names: names), try table.requireNumbers("y"))
    }

    @Test func classifierHeldOutLogLossIsCloseToScikitLearn() throws {
        let (x, y) = try data("hgb_train.csv")
        let (xt, yt) = try data("hgb_test.csv")
        let model = try GradientBoosting(task: .binaryClassification).fit(x, target: y)
        #expect(model.trees.count == 100)
        let loss = try ProbabilityMetrics.logLoss(yTrue: yt.map { $0 == 1 }, probabilities: try model.predict(xt))
        let reference = try #require(try Fixture.reference("hgb_classifier")["test_log_loss"] as? Double)
        #expect(abs(loss - reference) / reference < 0.15, "ours \(loss) vs scikit-learn \(reference)")
    }

    @Test func regressorHeldOutErrorIsCloseToScikitLearn() throws {
        let (x, y) = try data("hgb_reg_train.csv")
        let (xt, yt) = try data("hgb_reg_test.csv")
        let model = try GradientBoosting(task: .regression).fit(x, target: y)
        let p = try model.predict(xt)
        let mse = zip(p, yt).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(p.count)
        let reference = try #require(try Fixture.reference("hgb_regressor")["test_mse"] as? Double)
        #expect(abs(mse - reference) / reference < 0.15, "ours \(mse) vs scikit-learn \(reference)")
    }

    @Test func treesRespectLeafLimits() throws {
        let (x, y) = try data("hgb_train.csv")
        let model = try GradientBoosting(task: .binaryClassification).fit(x, target: y)
        for tree in model.trees {
            #expect(tree.nodes.filter { $0.feature < 0 }.count <= 31)
        }
    }

    @Test func earlyStoppingIsSeededAndRepeatable() throws {
        let (x, y) = try data("hgb_train.csv")
        var options = GradientBoostingOptions()
        options.earlyStopping = .on
        let a = try GradientBoosting(task: .binaryClassification, options: options, seed: 5).fit(x, target: y)
        let b = try GradientBoosting(task: .binaryClassification, options: options, seed: 5).fit(x, target: y)
        #expect(a == b)
        #expect(a.validationRows == 300)
        #expect(a.validationLoss != nil)
    }

    @Test func missingValuesAreRouted() throws {
        // The label is 1 exactly when the feature is missing: the trees must learn the missing branch.
        var values: [Double] = [], labels: [Double] = []
        for i in 0..<400 {
            let missing = i % 2 == 0
            values.append(missing ? .nan : Double(i % 17))
            labels.append(missing ? 1 : 0)
        }
        let x = try DesignMatrix(featureColumns: [values], names: ["a"])
        let model = try GradientBoosting(task: .binaryClassification).fit(x, target: labels)
        let p = try model.predict(try DesignMatrix(featureColumns: [[.nan, 3]], names: ["a"]))
        #expect(p[0] > 0.95 && p[1] < 0.05)
    }

    private func multiclassLogLoss(_ p: [Double], _ y: [Double], classes k: Int) -> Double {
        var loss = 0.0
        for i in 0..<y.count { loss -= log(min(max(p[i * k + Int(y[i])], Double.ulpOfOne), 1 - Double.ulpOfOne)) }
        return loss / Double(y.count)
    }

    @Test func multiclassBuildsOneTreePerClassPerIterationAndMatchesScikitLearn() throws {
        let (x, y) = try data("hgb_multi_train.csv")
        let (xt, yt) = try data("hgb_multi_test.csv")
        let model = try GradientBoosting(task: .multiclassClassification).fit(x, target: y, classCount: 4)
        let ref = try Fixture.reference("hgb_multiclass")
        #expect(model.classCount == 4 && model.baselines?.count == 4)
        #expect(model.iterations == (try #require(ref["n_iter"] as? Int)) && model.trees.count == 4 * model.iterations)
        let p = try model.predict(xt)
        #expect(p.count == 4 * xt.rows)
        for r in 0..<xt.rows { #expect(abs(p[(4 * r)..<(4 * r + 4)].reduce(0, +) - 1) < 1e-12) }
        let loss = multiclassLogLoss(p, yt, classes: 4)
        let reference = try #require(ref["test_log_loss"] as? Double)
        #expect(abs(loss - reference) / reference < 0.15, "ours \(loss) vs scikit-learn \(reference)")
        var correct = 0
        for r in 0..<xt.rows {
            let row = Array(p[(4 * r)..<(4 * r + 4)])
            if row.firstIndex(of: row.max() ?? 0) == Int(yt[r]) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(xt.rows)
        #expect(abs(accuracy - (try #require(ref["test_accuracy"] as? Double))) < 0.03, "accuracy \(accuracy)")
        // The baselines are scikit-learn's intercept-only raw scores: log class shares, centred.
        let shares = (0..<4).map { k in Double(y.filter { Int($0) == k }.count) / Double(y.count) }
        let logs = shares.map { log($0) }
        for k in 0..<4 { #expect(abs((model.baselines?[k] ?? 0) - (logs[k] - logs.reduce(0, +) / 4)) < 1e-12) }
    }

    @Test func multiclassEarlyStoppingIsSeededAndStopsLikeScikitLearn() throws {
        let (x, y) = try data("hgb_multi_train.csv")
        let (xt, yt) = try data("hgb_multi_test.csv")
        var options = GradientBoostingOptions()
        options.earlyStopping = .on
        let a = try GradientBoosting(task: .multiclassClassification, options: options, seed: 1).fit(x, target: y, classCount: 4)
        let b = try GradientBoosting(task: .multiclassClassification, options: options, seed: 1).fit(x, target: y, classCount: 4)
        #expect(a == b)
        #expect(a.validationRows == 300 && a.validationLoss != nil)
        let ref = try Fixture.reference("hgb_multiclass_early_stopping")
        let iterations = try #require(ref["n_iter"] as? Int)
        // Another validation split than scikit-learn's, so the stopping point is close, not equal.
        #expect(a.iterations < 100 && abs(a.iterations - iterations) <= 30, "ours \(a.iterations) vs scikit-learn \(iterations)")
        let loss = multiclassLogLoss(try a.predict(xt), yt, classes: 4)
        let reference = try #require(ref["test_log_loss"] as? Double)
        #expect(abs(loss - reference) / reference < 0.15, "ours \(loss) vs scikit-learn \(reference)")
    }

    @Test func missingValuesInTrainingAndTestMatchScikitLearn() throws {
        // 25 % of f0 and f1 are blank in both files; scikit-learn's HGB handles them natively, and so must we.
        let (x, y) = try data("hgb_missing_train.csv")
        let (xt, yt) = try data("hgb_missing_test.csv")
        #expect(x.values.contains { $0.isNaN } && xt.values.contains { $0.isNaN })
        let model = try GradientBoosting(task: .binaryClassification).fit(x, target: y)
        let loss = try ProbabilityMetrics.logLoss(yTrue: yt.map { $0 == 1 }, probabilities: try model.predict(xt))
        let reference = try #require(try Fixture.reference("hgb_missing")["test_log_loss"] as? Double)
        #expect(abs(loss - reference) / reference < 0.15, "ours \(loss) vs scikit-learn \(reference)")
    }

    @Test func binMapperUsesMidpointsAndAtMost255Bins() {
        var few = [1.0, 3, 3, 7]
        #expect(BinMapper.thresholds(for: &few) == [2, 5])
        var many = (0..<10_000).map { Double($0) }
        let t = BinMapper.thresholds(for: &many)
        #expect(t.count == 254)
        let mapper = BinMapper(thresholds: [[2, 5]])
        #expect(mapper.bin(2, feature: 0) == 0 && mapper.bin(2.5, feature: 0) == 1 && mapper.bin(9, feature: 0) == 2)
        #expect(mapper.bin(.nan, feature: 0) == 255)
    }
}
