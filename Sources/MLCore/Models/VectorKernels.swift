/// Small dense kernels with a fixed summation order (so results repeat bit for bit) and independent
/// accumulators (so the CPU can overlap the multiply-adds).
enum VectorKernels {
    /// Σ a[j]·b[j] for j in 0..<n, summed in four interleaved partial sums.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = 0
        while j + 4 <= n {
            s0 += a[j] * b[j]
            s1 += a[j + 1] * b[j + 1]
            s2 += a[j + 2] * b[j + 2]
            s3 += a[j + 3] * b[j + 3]
            j += 4
        }
        while j < n { s0 += a[j] * b[j]; j += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// y[j] += alpha·x[j] for j in 0..<n.
    @inline(__always)
    static func addScaled(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        var j = 0
        while j + 4 <= n {
            y[j] += alpha * x[j]
            y[j + 1] += alpha * x[j + 1]
            y[j + 2] += alpha * x[j + 2]
            y[j + 3] += alpha * x[j + 3]
            j += 4
        }
        while j < n { y[j] += alpha * x[j]; j += 1 }
    }
}
