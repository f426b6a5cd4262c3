import Foundation

/// L2-regularised logistic regression with scikit-learn's objective: minimise
/// `(1/n)·Σ log-loss + ‖W‖² / (2·C·n)` with unpenalised intercepts; binary (one coefficient vector,
/// the positive class is the second class) or multinomial (softmax, one vector per class) for more classes.
/// Fitted with L-BFGS to a much tighter tolerance than scikit-learn's default, so the coefficients are those
/// of the exact minimiser.
public struct LogisticRegression: Sendable {
    /// Inverse regularisation strength (scikit-learn's `C`).
    public var c: Double = 1.0
    /// Solver settings.
    public var solver = LBFGS(gradientTolerance: 1e-10, maxIterations: 1000)

    public init(c: Double = 1.0, gradientTolerance: Double = 1e-10, maxIterations: Int = 1000) {
        self.c = c
        self.solver = LBFGS(gradientTolerance: gradientTolerance, maxIterations: maxIterations)
    }

    /// Fits to `x` and class indices `y` in `0..<classCount` (classCount ≥ 2).
    public func fit(_ x: DesignMatrix, classIndices y: [Int32], classCount: Int) throws -> LogisticModel {
        guard x.rows > 0 else { throw ModelError.emptyData("no rows to fit a logistic regression on") }
        guard y.count == x.rows else { throw ModelError.shapeMismatch("\(y.count) labels for \(x.rows) rows") }
        guard classCount >= 2 else { throw ModelError.invalidOption("logistic regression needs at least two classes") }
        guard c > 0, c.isFinite else { throw ModelError.invalidOption("C must be a positive number, got \(c)") }
        if let bad = y.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
            throw ModelError.shapeMismatch("label index \(y[bad]) at row \(bad + 1) is outside 0..<\(classCount)")
        }
        let d = x.columns
        let n = x.rows
        let l2 = 1.0 / (c * Double(n))
        let outputs = classCount == 2 ? 1 : classCount
        let parameterCount = outputs * (d + 1)
        // A fixed number of row blocks (not the core count) keeps the summation order, and so every bit of
        // the result, the same on every machine.
        let ranges = Parallel.ranges(n, parts: n >= 4096 ? 8 : 1)
        // On badly scaled columns (`needsRescaling`) the solver works in standardized coordinates: it sees
        // parameters v with w_j = v_j / s_j and b = v_b − Σ_j v_j·m_j / s_j (m, s: column mean and population
        // std, s = 1 for a constant column). This is only a change of variables — the data are not copied and the
        // objective (penalty on w, intercept free) is unchanged, so the minimiser is the same — but it makes the
        // problem well conditioned where L-BFGS in the raw coordinates needs hundreds of iterations.
        var (means, scales) = Self.columnMoments(x)
        if !Self.needsRescaling(means: means, scales: scales) {
            means = [Double](repeating: 0, count: d)
            scales = [Double](repeating: 1, count: d)
        }
        let result = x.values.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb -> LBFGS.Result in
                guard let xBase = xb.baseAddress, let yBase = yb.baseAddress else {
                    return LBFGS.Result(x: [], value: .nan, iterations: 0, evaluations: 0, stop: .lineSearch, gradientNorm: .nan)
                }
                let xs = SharedBuffer(base: xBase, count: xb.count)
                let ys = SharedBuffer(base: yBase, count: yb.count)
                func objective(_ params: [Double], _ gradient: inout [Double]) -> Double {
                    let parts = Parallel.map(ranges.count) { k -> (Double, [Double]) in
                        var g = [Double](repeating: 0, count: parameterCount)
                        let loss: Double
                        if outputs == 1 {
                            loss = LogisticKernels.binary(xs, ys, rows: ranges[k], d: d, params: params, gradient: &g)
                        } else {
                            loss = LogisticKernels.multinomial(xs, ys, rows: ranges[k], d: d, classes: outputs, params: params, gradient: &g)
                        }
                        return (loss, g)
                    }
                    var loss = 0.0
                    for i in 0..<parameterCount { gradient[i] = 0 }
                    for (partLoss, g) in parts {
                        loss += partLoss
                        for i in 0..<parameterCount { gradient[i] += g[i] }
                    }
                    let scale = 1.0 / Double(n)
                    var penalty = 0.0
                    for k in 0..<outputs {
                        for j in 0..<d {
                            let w = params[k * d + j]
                            penalty += w * w
                            gradient[k * d + j] = gradient[k * d + j] * scale + l2 * w
                        }
                    }
                    for k in 0..<outputs { gradient[outputs * d + k] *= scale }
                    return loss * scale + 0.5 * l2 * penalty
                }
                var rawGradient = [Double](repeating: 0, count: parameterCount)
                return solver.minimize(start: [Double](repeating: 0, count: parameterCount)) { scaled, scaledGradient in
                    let params = Self.unscale(scaled, means: means, scales: scales, outputs: outputs)
                    let value = objective(params, &rawGradient)
                    // Chain rule: ∂f/∂v_j = (∂f/∂w_j − ∂f/∂b · m_j) / s_j, ∂f/∂v_b = ∂f/∂b.
                    for k in 0..<outputs {
                        let gb = rawGradient[outputs * d + k]
                        for j in 0..<d { scaledGradient[k * d + j] = (rawGradient[k * d + j] - gb * means[j]) / scales[j] }
                        scaledGradient[outputs * d + k] = gb
                    }
                    return value
                }
            }
        }
        let solution = Self.unscale(result.x, means: means, scales: scales, outputs: outputs)
        var coefficients: [[Double]] = []
        var intercepts: [Double] = []
        for k in 0..<outputs {
            coefficients.append(Array(solution[(k * d)..<((k + 1) * d)]))
            intercepts.append(solution[outputs * d + k])
        }
        if outputs > 1 {
            // The softmax is unchanged by a common shift; keep intercepts summing to zero, as L-BFGS from zero does.
            let mean = intercepts.reduce(0, +) / Double(outputs)
            intercepts = intercepts.map { $0 - mean }
        }
        return LogisticModel(classCount: classCount, coefficients: coefficients, intercepts: intercepts,
                             iterations: result.iterations, objective: result.value,
                             converged: (result.stop == .gradient || result.stop == .function) || result.gradientNorm < 1e-6,
                             featureNames: x.featureNames)
    }
}

extension LogisticRegression {
    /// Column means and population standard deviations (1 for a constant column). Row blocks are summed in
    /// parallel and combined in a fixed order, so the result does not depend on the core count.
    static func columnMoments(_ x: DesignMatrix) -> (means: [Double], scales: [Double]) {
        let d = x.columns, n = x.rows
        guard n > 0, d > 0 else { return ([Double](repeating: 0, count: d), [Double](repeating: 1, count: d)) }
        let ranges = Parallel.ranges(n, parts: n >= 4096 ? 8 : 1)
        let values = x.values
        let sums = Parallel.map(ranges.count) { k -> [Double] in
            var sum = [Double](repeating: 0, count: d)
            for r in ranges[k] { for j in 0..<d { sum[j] += values[r * d + j] } }
            return sum
        }
        var means = [Double](repeating: 0, count: d)
        for part in sums { for j in 0..<d { means[j] += part[j] } }
        for j in 0..<d { means[j] /= Double(n) }
        let squares = Parallel.map(ranges.count) { k -> [Double] in
            var sum = [Double](repeating: 0, count: d)
            for r in ranges[k] { for j in 0..<d { let e = values[r * d + j] - means[j]; sum[j] += e * e } }
            return sum
        }
        var total = [Double](repeating: 0, count: d)
        for part in squares { for j in 0..<d { total[j] += part[j] } }
        let scales = total.map { v -> Double in
            let s = (v / Double(n)).squareRoot()
            return s > 0 && s.isFinite ? s : 1
        }
        return (means, scales)
    }

    /// Columns are badly scaled for the solver when one has a mean above 10 in absolute value or a standard
    /// deviation outside [0.1, 10] (a constant column excepted).
    static func needsRescaling(means: [Double], scales: [Double]) -> Bool {
        zip(means, scales).contains { m, s in abs(m) > 10 || (s != 1 && (s < 0.1 || s > 10)) }
    }

    /// Raw parameters (w, b) from standardized-coordinate parameters v: w = v / s, b = v_b − Σ v·m / s.
    static func unscale(_ v: [Double], means: [Double], scales: [Double], outputs: Int) -> [Double] {
        let d = means.count
        var out = v
        for k in 0..<outputs {
            var shift = 0.0
            for j in 0..<d {
                let w = v[k * d + j] / scales[j]
                out[k * d + j] = w
                shift += w * means[j]
            }
            out[outputs * d + k] = v[outputs * d + k] - shift
        }
        return out
    }
}

/// A fitted logistic regression.
public struct LogisticModel: Sendable, Equatable, Codable {
    /// Number of classes (2 for binary).
    public var classCount: Int
    /// One row of coefficients per output: one for binary (the positive class), one per class otherwise.
    public var coefficients: [[Double]]
    /// One intercept per output.
    public var intercepts: [Double]
    /// Solver iterations used.
    public var iterations: Int
    /// The regularised objective at the solution (mean log loss plus penalty).
    public var objective: Double
    /// Whether the solver met its tolerance.
    public var converged: Bool
    /// Feature names, in matrix column order.
    public var featureNames: [String]

    /// Class probabilities, `classCount` per row (row-major).
    public func predictProbabilities(_ x: DesignMatrix) throws -> [Double] {
        let d = featureNames.count
        guard x.columns == d else {
            throw ModelError.shapeMismatch("the model expects \(d) features, the data has \(x.columns)")
        }
        let k = classCount
        var out = [Double](repeating: 0, count: x.rows * k)
        let ranges = Parallel.ranges(x.rows, parts: x.rows >= 8192 ? Parallel.workerCount : 1)
        x.values.withUnsafeBufferPointer { xb in
            out.withUnsafeMutableBufferPointer { ob in
                guard let base = xb.baseAddress, let outBase = ob.baseAddress else { return }
                let xs = SharedBuffer(base: base, count: xb.count)
                let target = SharedMutableBuffer(base: outBase, count: ob.count)
                _ = Parallel.map(ranges.count) { part -> Bool in
                    fillProbabilities(xs, rows: ranges[part], into: target)
                    return true
                }
            }
        }
        return out
    }

    private func fillProbabilities(_ xs: SharedBuffer<Double>, rows: Range<Int>, into out: SharedMutableBuffer<Double>) {
        let d = featureNames.count
        let k = classCount
        var z = [Double](repeating: 0, count: k)
        coefficients[0].withUnsafeBufferPointer { w0b in
            guard let w0 = w0b.baseAddress else { return }
            let b0 = intercepts[0]
            for r in rows {
                let row = xs.base + r * d
                if k == 2 {
                    let s = b0 + VectorKernels.dot(w0, row, d)
                    let p = LogisticKernels.sigmoid(s)
                    out.base[r * 2] = 1 - p
                    out.base[r * 2 + 1] = p
                } else {
                    var m = -Double.infinity
                    for c in 0..<k {
                        var s = intercepts[c]
                        let w = coefficients[c]
                        for j in 0..<d { s += w[j] * row[j] }
                        z[c] = s
                        m = max(m, s)
                    }
                    var sum = 0.0
                    for c in 0..<k { z[c] = exp(z[c] - m); sum += z[c] }
                    for c in 0..<k { out.base[r * k + c] = z[c] / sum }
                }
            }
        }
    }

    /// Per-feature contributions to the decision value of one output (`coefficient · value`), plus the intercept.
    public func contributions(row: [Double], output: Int = 0) -> (intercept: Double, perFeature: [Double]) {
        let o = min(max(output, 0), coefficients.count - 1)
        let w = coefficients[o]
        return (intercepts[o], (0..<min(w.count, row.count)).map { w[$0] * row[$0] })
    }
}

/// The per-chunk loss and gradient loops (unnormalised sums).
enum LogisticKernels {
    @inline(__always) static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : { let e = exp(z); return e / (1 + e) }()
    }

    /// log(1 + exp(z)) without overflow.
    @inline(__always) static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    static func binary(_ x: SharedBuffer<Double>, _ y: SharedBuffer<Int32>, rows: Range<Int>, d: Int,
                       params: [Double], gradient: inout [Double]) -> Double {
        var loss = 0.0
        var interceptGradient = 0.0
        params.withUnsafeBufferPointer { wb in
            gradient.withUnsafeMutableBufferPointer { gb in
                guard let w = wb.baseAddress, let g = gb.baseAddress else { return }
                let b = w[d]
                for r in rows {
                    let row = x.base + r * d
                    let z = b + VectorKernels.dot(w, row, d)
                    let target = Double(y.base[r])
                    let e = exp(-abs(z))
                    loss += max(z, 0) + log1p(e) - target * z
                    let residual = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - target
                    VectorKernels.addScaled(residual, row, g, d)
                    interceptGradient += residual
                }
            }
        }
        gradient[d] += interceptGradient
        return loss
    }

    static func multinomial(_ x: SharedBuffer<Double>, _ y: SharedBuffer<Int32>, rows: Range<Int>, d: Int, classes k: Int,
                            params: [Double], gradient: inout [Double]) -> Double {
        var loss = 0.0
        var z = [Double](repeating: 0, count: k)
        params.withUnsafeBufferPointer { wb in
            gradient.withUnsafeMutableBufferPointer { gb in
                z.withUnsafeMutableBufferPointer { zb in
                    guard let w = wb.baseAddress, let g = gb.baseAddress, let z = zb.baseAddress else { return }
                    for r in rows {
                        let row = x.base + r * d
                        var m = -Double.infinity
                        for c in 0..<k {
                            let s = w[k * d + c] + VectorKernels.dot(w + c * d, row, d)
                            z[c] = s
                            m = max(m, s)
                        }
                        var sum = 0.0
                        for c in 0..<k { sum += exp(z[c] - m) }
                        let lse = m + log(sum)
                        let target = Int(y.base[r])
                        loss += lse - z[target]
                        for c in 0..<k {
                            let residual = exp(z[c] - lse) - (c == target ? 1 : 0)
                            VectorKernels.addScaled(residual, row, g + c * d, d)
                            g[k * d + c] += residual
                        }
                    }
                }
            }
        }
        return loss
    }
}
