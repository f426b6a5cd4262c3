/// One row's prediction split into additive parts.
public struct RowContributions: Sendable, Codable, Equatable {
    /// Row index in the data (0-based).
    public var row: Int
    /// File line of the row, when known.
    public var line: Int?
    /// The intercept.
    public var intercept: Double
    /// Contribution of each input column (coefficient × transformed value, summed over its one-hot features).
    public var contributions: [String: Double]
    /// intercept + Σ contributions: the decision value (log-odds of the positive class for binary
    /// logistic regression, the prediction for linear and ridge regression).
    public var decisionValue: Double

    enum CodingKeys: String, CodingKey {
        case row, line, intercept, contributions
        case decisionValue = "decision_value"
    }
}

/// Exact per-prediction contributions of linear models (logistic regression: of the decision value of the
/// positive class for two classes, of the predicted class for more).
public enum LinearContributions {
    public static func compute(model: TrainedModel, table: Table, rows: [Int]) throws -> [RowContributions] {
        let (x, _) = try model.preprocessing.transform(table)
        let coefficientsByOutput: [[Double]]
        let intercepts: [Double]
        if let logistic = model.logistic {
            coefficientsByOutput = logistic.coefficients
            intercepts = logistic.intercepts
        } else if let linear = model.linear {
            coefficientsByOutput = [linear.coefficients]
            intercepts = [linear.intercept]
        } else {
            throw ModelError.invalidOption("per-prediction contributions need a linear model (logistic-regression, linear-regression or ridge); use permutation importance for \(model.algorithm.rawValue)")
        }
        let predictions = try model.predict(matrix: x)
        var widths: [(String, Range<Int>)] = []
        var offset = 0
        for transform in model.preprocessing.transforms {
            let width = transform.featureNames.count
            widths.append((transform.column, offset..<(offset + width)))
            offset += width
        }
        return try rows.map { r in
            guard r >= 0, r < x.rows else { throw TableError.rowOutOfRange(r, rowCount: x.rows) }
            let output = coefficientsByOutput.count == 1 ? 0 : predictions.classIndices[r]
            let w = coefficientsByOutput[output]
            var parts: [String: Double] = [:]
            var total = intercepts[output]
            for (column, range) in widths {
                var s = 0.0
                for c in range { s += w[c] * x.values[r * x.columns + c] }
                parts[column] = s
                total += s
            }
            return RowContributions(row: r, line: table.line(ofRow: r), intercept: intercepts[output], contributions: parts, decisionValue: total)
        }
    }
}
