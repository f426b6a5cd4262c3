/// Summary statistics with a fixed summation order.
public enum Statistics {
    /// Arithmetic mean (NaN for an empty array).
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        let m = s / Double(x.count)
        // One correction pass, as numpy's pairwise sum is more accurate than a naive sum.
        var c = 0.0
        for v in x { c += v - m }
        return m + c / Double(x.count)
    }

    /// Population standard deviation (ddof = 0).
    public static func populationStandardDeviation(_ x: [Double], mean m: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return (s / Double(x.count)).squareRoot()
    }

    /// Median (mean of the two middle values for an even count).
    public static func median(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let sorted = x.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
