/// Least-squares linear regression with an unpenalised intercept: ordinary least squares (`alpha = 0`,
/// the minimum-norm solution when features are collinear, as `scipy.linalg.lstsq` gives) or ridge
/// (`alpha > 0`: minimise ‖y − Xw − b‖² + α‖w‖², scikit-learn's `Ridge`). Solved on centred data.
public struct LinearRegression: Sendable {
    /// Ridge penalty (0 for ordinary least squares).
    public var alpha: Double

    public init(alpha: Double = 0) {
        self.alpha = alpha
    }

    /// Fits to features `x` and targets `y`.
    public func fit(_ x: DesignMatrix, target y: [Double]) throws -> LinearModel {
        let n = x.rows, d = x.columns
        guard n > 0 else { throw ModelError.emptyData("no rows to fit a linear model on") }
        guard y.count == n else { throw ModelError.shapeMismatch("\(y.count) targets for \(n) rows") }
        guard alpha >= 0, alpha.isFinite else { throw ModelError.invalidOption("alpha must be zero or positive, got \(alpha)") }
        let xMean = (0..<d).map { c in Statistics.mean(x.column(c)) }
        let yMean = Statistics.mean(y)
        // Gram matrix XcᵀXc and Xcᵀyc.
        var gram = [Double](repeating: 0, count: d * d)
        var rhs = [Double](repeating: 0, count: d)
        var centred = [Double](repeating: 0, count: d)
        for r in 0..<n {
            for c in 0..<d { centred[c] = x.values[r * d + c] - xMean[c] }
            let yc = y[r] - yMean
            for a in 0..<d {
                let va = centred[a]
                rhs[a] += va * yc
                for b in a..<d { gram[a * d + b] += va * centred[b] }
            }
        }
        for a in 0..<d { for b in 0..<a { gram[a * d + b] = gram[b * d + a] } }
        let w: [Double]
        if alpha > 0 {
            for a in 0..<d { gram[a * d + a] += alpha }
            guard let solution = DenseAlgebra.choleskySolve(gram, rhs, d) else {
                throw ModelError.singular("the ridge system is not positive definite; check the features for NaN or huge values")
            }
            w = solution
        } else {
            w = DenseAlgebra.minimumNormSolve(gram, rhs, d)
        }
        var intercept = yMean
        for c in 0..<d { intercept -= xMean[c] * w[c] }
        return LinearModel(coefficients: w, intercept: intercept, featureNames: x.featureNames)
    }
}

/// A fitted linear model: prediction = intercept + Σ coefficient·feature.
public struct LinearModel: Sendable, Codable, Equatable {
    public var coefficients: [Double]
    public var intercept: Double
    public var featureNames: [String]

    /// Predictions for each row.
    public func predict(_ x: DesignMatrix) throws -> [Double] {
        let d = coefficients.count
        guard x.columns == d else { throw ModelError.shapeMismatch("the model expects \(d) features, the data has \(x.columns)") }
        return x.values.withUnsafeBufferPointer { xb in
            coefficients.withUnsafeBufferPointer { wb in
                guard let xBase = xb.baseAddress, let w = wb.baseAddress else { return [Double](repeating: intercept, count: x.rows) }
                return (0..<x.rows).map { r in intercept + VectorKernels.dot(w, xBase + r * d, d) }
            }
        }
    }
}
