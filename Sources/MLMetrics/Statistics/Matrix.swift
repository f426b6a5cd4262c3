/// A small dense square matrix for the Durbin matrix power.
struct Matrix {
    let size: Int
    var values: [Double]

    init(size: Int) {
        self.size = size
        values = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> Matrix {
        var m = Matrix(size: size)
        for i in 0..<size { m[i, i] = 1 }
        return m
    }

    subscript(r: Int, c: Int) -> Double {
        get { values[r * size + c] }
        set { values[r * size + c] = newValue }
    }

    mutating func scale(by factor: Double) {
        for i in values.indices { values[i] *= factor }
    }

    static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        let n = lhs.size
        var out = Matrix(size: n)
        lhs.values.withUnsafeBufferPointer { a in
            rhs.values.withUnsafeBufferPointer { b in
                out.values.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        for k in 0..<n {
                            let aik = a[i * n + k]
                            if aik == 0 { continue }
                            for j in 0..<n { o[i * n + j] += aik * b[k * n + j] }
                        }
                    }
                }
            }
        }
        return out
    }
}
