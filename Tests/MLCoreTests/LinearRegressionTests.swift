import Testing
@testable import MLCore

@Suite("Linear and ridge regression match scikit-learn")
struct LinearRegressionTests {
    private func diabetes() throws -> (DesignMatrix, [Double]) {
        let table = try Fixture.table("datasets/diabetes.csv")
        let names = table.columnNames.filter { $0 != "target" }
        let x = try DesignMatrix(featureColumns: try names.map { try table.requireNumbers($0) }, names: names)
        return (x, try table.requireNumbers("target"))
    }

    @Test(arguments: [("diabetes_linear", 0.0), ("diabetes_ridge1", 1.0), ("diabetes_ridge10", 10.0)])
    func coefficientsMatch(reference: String, alpha: Double) throws {
        let (x, y) = try diabetes()
        let ref = try Fixture.reference(reference)
        let coef = try #require(ref["coef"] as? [Double])
        let model = try LinearRegression(alpha: alpha).fit(x, target: y)
        for (a, b) in zip(model.coefficients, coef) { #expect(close(a, b, relative: 1e-7, floor: 1e-6), "\(a) vs \(b)") }
        #expect(close(model.intercept, try #require(ref["intercept"] as? Double), relative: 1e-7))
    }

    @Test func collinearFeaturesGiveTheMinimumNormSolution() throws {
        // y = 2·a; the feature b duplicates a, so the minimum-norm split is 1 and 1.
        let a = (0..<50).map { Double($0) / 7 }
        let x = try DesignMatrix(featureColumns: [a, a], names: ["a", "b"])
        let model = try LinearRegression().fit(x, target: a.map { 2 * $0 + 3 })
        #expect(abs(model.coefficients[0] - 1) < 1e-9 && abs(model.coefficients[1] - 1) < 1e-9)
        #expect(abs(model.intercept - 3) < 1e-9)
    }

    @Test func scalerMatchesStandardScaler() throws {
        let table = try Fixture.table("datasets/diabetes.csv")
        let names = table.columnNames.filter { $0 != "target" }
        let fitted = try Preprocessor(options: PreprocessingOptions(standardize: true)).fit(table, features: names)
        let ref = try Fixture.reference("diabetes_scaler")
        let mean = try #require(ref["mean"] as? [Double]), scale = try #require(ref["scale"] as? [Double])
        for (i, t) in fitted.transforms.enumerated() {
            #expect(close(try #require(t.center), mean[i], relative: 1e-12))
            #expect(close(try #require(t.scale), scale[i], relative: 1e-12))
        }
    }
}
