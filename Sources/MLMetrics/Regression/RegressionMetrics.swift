import Foundation

/// Regression metrics with scikit-learn 1.9's definitions.
public enum RegressionMetrics {
    private static func validate(_ yTrue: [Double], _ yPred: [Double]) throws {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, yPred.count, "predictions")
        try Check.finite(yTrue, "y_true")
        try Check.finite(yPred, "predictions")
    }

    /// Mean squared error.
    public static func mse(yTrue: [Double], yPred: [Double]) throws -> Double {
        try validate(yTrue, yPred)
        return zip(yTrue, yPred).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(yTrue.count)
    }

    /// √MSE (`root_mean_squared_error`).
    public static func rmse(yTrue: [Double], yPred: [Double]) throws -> Double {
        try mse(yTrue: yTrue, yPred: yPred).squareRoot()
    }

    /// Mean absolute error.
    public static func mae(yTrue: [Double], yPred: [Double]) throws -> Double {
        try validate(yTrue, yPred)
        return zip(yTrue, yPred).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(yTrue.count)
    }

    /// R² = 1 − SS_res/SS_tot. Constant y_true: 1.0 when predictions are perfect, else 0.0 with a
    /// warning (`force_finite=True`). Fewer than two rows: undefined (nil) with a warning, as scikit-learn
    /// returns NaN ("R^2 score is not well-defined with less than two samples").
    public static func r2(yTrue: [Double], yPred: [Double]) throws -> MetricResult {
        try validate(yTrue, yPred)
        if yTrue.count < 2 {
            return MetricResult(nil, warnings: ["r2: not well-defined with less than two samples; r2 is null"])
        }
        let mean = yTrue.reduce(0, +) / Double(yTrue.count)
        let ssRes = zip(yTrue, yPred).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let ssTot = yTrue.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        if ssTot == 0 {
            if ssRes == 0 { return MetricResult(1.0) }
            return MetricResult(0.0, warnings: ["r2: y_true is constant and predictions are not perfect; r2 is set to 0.0"])
        }
        return MetricResult(1 - ssRes / ssTot)
    }

    /// mean(|y − ŷ| / max(|y|, ε)) with ε = float64 machine epsilon, as a fraction (not ×100).
    public static func mape(yTrue: [Double], yPred: [Double]) throws -> MetricResult {
        try validate(yTrue, yPred)
        var total = 0.0
        var zeros = 0
        for (y, p) in zip(yTrue, yPred) {
            if y == 0 { zeros += 1 }
            total += abs(y - p) / max(abs(y), Double.ulpOfOne)
        }
        let warnings = zeros > 0
            ? ["mape: y_true holds \(zeros) zero value(s); each is divided by machine epsilon, so mape is huge"]
            : []
        return MetricResult(total / Double(yTrue.count), warnings: warnings)
    }
}
