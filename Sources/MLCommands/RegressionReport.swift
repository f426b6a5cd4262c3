import MLMetrics

/// Builds the regression part of `ml evaluate`'s report.
enum RegressionReport {
    /// Returns the report entries and the per-row absolute error for error analysis.
    static func build(input: LabelColumns, label: String, prediction: String, group: String?,
                      warnings: inout [String]) throws -> ([String: MetricJSON], [Double]) {
        let y = try input.numbers(label, expected: "the regression target")
        let p = try input.numbers(prediction, expected: "the predicted value of a regression")
        var r = try metrics(y, p, warnings: &warnings)
        if let group {
            let groups = try input.groups(group)
            var rows: [String: [Int]] = [:]
            for (i, g) in groups.enumerated() { rows[g, default: []].append(i) }
            var byGroup: [String: MetricJSON] = [:]
            var groupWarnings: [String] = []
            var maes: [Double] = []
            for (g, idx) in rows {
                var entry = try metrics(idx.map { y[$0] }, idx.map { p[$0] }, warnings: &groupWarnings)
                entry["count"] = .int(idx.count)
                byGroup[g] = .object(entry)
                maes.append(try RegressionMetrics.mae(yTrue: idx.map { y[$0] }, yPred: idx.map { p[$0] }))
            }
            r["by_group"] = .object(byGroup)
            r["mae_difference"] = .num((maes.max() ?? 0) - (maes.min() ?? 0))
            warnings += groupWarnings.map { "by_group: " + $0 }
        }
        return (r, zip(y, p).map { abs($0.0 - $0.1) })
    }

    private static func metrics(_ y: [Double], _ p: [Double], warnings: inout [String]) throws -> [String: MetricJSON] {
        let r2 = try RegressionMetrics.r2(yTrue: y, yPred: p)
        let mape = try RegressionMetrics.mape(yTrue: y, yPred: p)
        warnings += r2.warnings + mape.warnings
        return [
            "rmse": .num(try RegressionMetrics.rmse(yTrue: y, yPred: p)),
            "mse": .num(try RegressionMetrics.mse(yTrue: y, yPred: p)),
            "mae": .num(try RegressionMetrics.mae(yTrue: y, yPred: p)),
            "r2": .num(r2.value),
            "mape": .num(mape.value),
        ]
    }
}
