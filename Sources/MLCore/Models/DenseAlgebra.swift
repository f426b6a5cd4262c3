/// Small dense symmetric solvers for the normal equations (d up to a few hundred).
enum DenseAlgebra {
    /// Solves A x = b for symmetric positive definite A (row-major d×d); nil when A is not positive definite.
    static func choleskySolve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var s = a[i * d + j]
                for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * d + i] = s.squareRoot()
                } else {
                    l[i * d + j] = s / l[j * d + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var s = b[i]
            for k in 0..<i { s -= l[i * d + k] * y[k] }
            y[i] = s / l[i * d + i]
        }
        var x = [Double](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, d) { s -= l[k * d + i] * x[k] }
            x[i] = s / l[i * d + i]
        }
        return x
    }

    /// The minimum-norm least-squares solution of A x = b for symmetric positive semi-definite A, through
    /// its eigen-decomposition (cyclic Jacobi); eigenvalues below 1e-12 of the largest count as zero.
    static func minimumNormSolve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double] {
        guard d > 0 else { return [] }
        var m = a
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<d { for q in (p + 1)..<max(p + 1, d) { off += m[p * d + q] * m[p * d + q] } }
            if off < 1e-30 { break }
            for p in 0..<d {
                for q in (p + 1)..<max(p + 1, d) {
                    let apq = m[p * d + q]
                    if abs(apq) < 1e-300 { continue }
                    let app = m[p * d + p], aqq = m[q * d + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<d {
                        let mkp = m[k * d + p], mkq = m[k * d + q]
                        m[k * d + p] = c * mkp - s * mkq
                        m[k * d + q] = s * mkp + c * mkq
                    }
                    for k in 0..<d {
                        let mpk = m[p * d + k], mqk = m[q * d + k]
                        m[p * d + k] = c * mpk - s * mqk
                        m[q * d + k] = s * mpk + c * mqk
                    }
                    for k in 0..<d {
                        let vkp = v[k * d + p], vkq = v[k * d + q]
                        v[k * d + p] = c * vkp - s * vkq
                        v[k * d + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let eigen = (0..<d).map { m[$0 * d + $0] }
        let largest = eigen.map(abs).max() ?? 0
        var x = [Double](repeating: 0, count: d)
        for k in 0..<d where eigen[k] > 1e-12 * largest {
            var proj = 0.0
            for i in 0..<d { proj += v[i * d + k] * b[i] }
            let coef = proj / eigen[k]
            for i in 0..<d { x[i] += coef * v[i * d + k] }
        }
        return x
    }
}
