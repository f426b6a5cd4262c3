/// Limited-memory BFGS for smooth unconstrained minimisation, with a strong-Wolfe line search
/// (Nocedal & Wright, algorithms 7.4, 3.5 and 3.6).
public struct LBFGS: Sendable {
    /// Stop when the largest absolute gradient component is at most this.
    public var gradientTolerance: Double = 1e-10
    /// Stop when the relative decrease of the objective is at most this (scipy's `ftol` default for sklearn).
    public var functionTolerance: Double = 64 * Double.ulpOfOne
    /// Most iterations.
    public var maxIterations: Int = 1000
    /// Number of correction pairs kept.
    public var memory: Int = 10
    /// Consecutive iterations with a relative decrease ≤ `functionTolerance` that stop the solver.
    public var stallIterations: Int = 10

    public init(gradientTolerance: Double = 1e-10, maxIterations: Int = 1000) {
        self.gradientTolerance = gradientTolerance
        self.maxIterations = maxIterations
    }

    /// Why the solver stopped.
    public enum Stop: String, Sendable, Codable {
        case gradient, function, maxIterations = "max_iterations", lineSearch = "line_search"
    }

    /// The solution and how it was reached.
    public struct Result: Sendable {
        public var x: [Double]
        public var value: Double
        public var iterations: Int
        public var evaluations: Int
        public var stop: Stop
        /// Largest absolute gradient component at `x`.
        public var gradientNorm: Double
    }

    /// Minimises `objective`, which returns the value at `x` and writes the gradient into its second argument.
    public func minimize(start: [Double], objective: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var evaluations = 1
        var sList: [[Double]] = []
        var yList: [[Double]] = []
        var rhoList: [Double] = []
        var gNorm = maxAbs(g)
        if gNorm <= gradientTolerance {
            return Result(x: x, value: f, iterations: 0, evaluations: evaluations, stop: .gradient, gradientNorm: gNorm)
        }
        var iteration = 0
        var stalled = 0
        var direction = [Double](repeating: 0, count: n)
        var alphaBuffer = [Double](repeating: 0, count: memory)
        while iteration < maxIterations {
            iteration += 1
            // Two-loop recursion: direction = -H g.
            for i in 0..<n { direction[i] = -g[i] }
            let m = sList.count
            for k in stride(from: m - 1, through: 0, by: -1) {
                let a = rhoList[k] * dot(sList[k], direction)
                alphaBuffer[k] = a
                axpy(-a, yList[k], &direction)
            }
            if let lastS = sList.last, let lastY = yList.last {
                let gamma = dot(lastS, lastY) / dot(lastY, lastY)
                for i in 0..<n { direction[i] *= gamma }
            }
            for k in 0..<m {
                let b = rhoList[k] * dot(yList[k], direction)
                axpy(alphaBuffer[k] - b, sList[k], &direction)
            }
            var slope = dot(g, direction)
            if !(slope < 0) {
                // Not a descent direction: restart from steepest descent.
                sList.removeAll(); yList.removeAll(); rhoList.removeAll()
                for i in 0..<n { direction[i] = -g[i] }
                slope = dot(g, direction)
            }
            let initialStep = sList.isEmpty ? min(1.0, 1.0 / max(norm(g), 1e-300)) : 1.0
            guard let step = lineSearch(x: x, f: f, g: g, direction: direction, slope: slope,
                                        initialStep: initialStep, objective: objective, evaluations: &evaluations) else {
                return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, stop: .lineSearch, gradientNorm: gNorm)
            }
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                s[i] = step.x[i] - x[i]
                y[i] = step.g[i] - g[i]
            }
            let previous = f
            x = step.x
            f = step.f
            g = step.g
            gNorm = maxAbs(g)
            let sy = dot(s, y)
            if sy > 1e-300 * max(1, dot(y, y)) {
                if sList.count == memory { sList.removeFirst(); yList.removeFirst(); rhoList.removeFirst() }
                sList.append(s); yList.append(y); rhoList.append(1 / sy)
            }
            if gNorm <= gradientTolerance {
                return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, stop: .gradient, gradientNorm: gNorm)
            }
            // A relative decrease at rounding level alone does not stop the solver: the gradient is still computed
            // accurately there, and a few more iterations usually bring it under the tolerance. Only when the
            // decrease stays at that level for `stallIterations` iterations in a row has progress really ended.
            if (previous - f) <= functionTolerance * max(abs(previous), abs(f), 1) {
                stalled += 1
                if stalled >= stallIterations {
                    return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, stop: .function, gradientNorm: gNorm)
                }
            } else {
                stalled = 0
            }
        }
        return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, stop: .maxIterations, gradientNorm: gNorm)
    }

    private struct Point {
        var alpha: Double
        var x: [Double]
        var f: Double
        var g: [Double]
        var slope: Double
    }

    /// Strong Wolfe line search (c1 = 1e-4, c2 = 0.9); nil when no acceptable step was found.
    private func lineSearch(x: [Double], f: Double, g: [Double], direction: [Double], slope: Double, initialStep: Double,
                            objective: ([Double], inout [Double]) -> Double, evaluations: inout Int) -> Point? {
        let c1 = 1e-4, c2 = 0.9
        let n = x.count
        func evaluate(_ alpha: Double) -> Point {
            var xt = [Double](repeating: 0, count: n)
            for i in 0..<n { xt[i] = x[i] + alpha * direction[i] }
            var gt = [Double](repeating: 0, count: n)
            let ft = objective(xt, &gt)
            evaluations += 1
            return Point(alpha: alpha, x: xt, f: ft, g: gt, slope: dot(gt, direction))
        }
        var previous = Point(alpha: 0, x: x, f: f, g: g, slope: slope)
        var alpha = initialStep
        for attempt in 0..<50 {
            let current = evaluate(alpha)
            if approximateWolfe(current, f: f, slope: slope, c1: c1, c2: c2) { return current }
            if !current.f.isFinite || current.f > f + c1 * alpha * slope || (attempt > 0 && current.f >= previous.f) {
                if !current.f.isFinite {
                    alpha *= 0.1
                    continue
                }
                return zoom(low: previous, high: current, f: f, slope: slope, c1: c1, c2: c2, evaluate: evaluate)
            }
            if abs(current.slope) <= -c2 * slope { return current }
            if current.slope >= 0 {
                return zoom(low: current, high: previous, f: f, slope: slope, c1: c1, c2: c2, evaluate: evaluate)
            }
            previous = current
            alpha *= 2
        }
        return nil
    }

    private func zoom(low lowStart: Point, high highStart: Point, f: Double, slope: Double, c1: Double, c2: Double,
                      evaluate: (Double) -> Point) -> Point? {
        var low = lowStart
        var high = highStart
        for _ in 0..<50 {
            let alpha = interpolate(low, high)
            if abs(high.alpha - low.alpha) < 1e-16 * max(1, abs(low.alpha)) { break }
            let current = evaluate(alpha)
            if approximateWolfe(current, f: f, slope: slope, c1: c1, c2: c2) { return current }
            if !current.f.isFinite || current.f > f + c1 * alpha * slope || current.f >= low.f {
                high = current
            } else {
                if abs(current.slope) <= -c2 * slope { return current }
                if current.slope * (high.alpha - low.alpha) >= 0 { high = low }
                low = current
            }
        }
        return low.alpha > 0 && low.f < f ? low : nil
    }

    /// Hager and Zhang's approximate Wolfe conditions, used only where the objective no longer resolves the
    /// decrease (its value within rounding of the start): the directional derivative, which stays accurate
    /// there, must have shrunk — (2δ − 1)·φ'(0) ≥ φ'(α) ≥ σ·φ'(0) with δ = 0.1, σ = c2. Near the optimum this
    /// lets the gradient keep converging after function values have reached their precision.
    private func approximateWolfe(_ p: Point, f: Double, slope: Double, c1: Double, c2: Double) -> Bool {
        // Only where the sufficient-decrease test fails within the objective's rounding.
        guard p.f.isFinite, p.f > f + c1 * p.alpha * slope, p.f <= f + 1e-12 * max(abs(f), 1) else { return false }
        return p.slope >= c2 * slope && p.slope <= (2 * 0.1 - 1) * slope
    }

    /// Minimiser of the cubic through two points with slopes, kept inside the bracket; bisection as fallback.
    private func interpolate(_ a: Point, _ b: Point) -> Double {
        let lo = min(a.alpha, b.alpha), hi = max(a.alpha, b.alpha)
        if a.f.isFinite, b.f.isFinite {
            let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.alpha - b.alpha)
            let disc = d1 * d1 - a.slope * b.slope
            if disc >= 0 {
                let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * disc.squareRoot()
                let t = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
                let margin = 0.1 * (hi - lo)
                if t.isFinite, t > lo + margin, t < hi - margin { return t }
            }
        }
        return (lo + hi) / 2
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
    return s
}

@inline(__always) func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in 0..<min(x.count, y.count) { y[i] += a * x[i] }
}

@inline(__always) func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

@inline(__always) func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
