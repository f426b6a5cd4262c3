import Foundation
import Testing
@testable import MLCore

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
        let p = try model.predict(xt)
        var loss = 0.0
        for i in 0..<p.count {
            let q = min(max(p[i], Double.ulpOfOne), 1 - Double.ulpOfOne)
            loss -= yt[i] == 1 ? log(q) : log(1 - q)
        }
        loss /= Double(p.count)
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
