/// Maps feature values to at most 255 bins plus a bin for missing values, as scikit-learn's
/// `_BinMapper` does: with at most 255 distinct values the thresholds are the midpoints between them,
/// otherwise the 'midpoint' percentiles at 1/255 … 254/255. A value goes to the first bin whose
/// threshold is ≥ the value; NaN goes to bin 255.
public struct BinMapper: Sendable, Codable, Equatable {
    /// The bin reserved for missing values.
    public static let missingBin: UInt8 = 255
    /// Non-missing bins at most.
    public static let maxBins = 255

    /// Per feature: the upper threshold of each non-missing bin but the last.
    public var thresholds: [[Double]]

    public init(thresholds: [[Double]]) {
        self.thresholds = thresholds
    }

    /// Fits thresholds on the given rows of `x` (all rows when `rows` is nil).
    public static func fit(_ x: DesignMatrix, rows: [Int]?) -> BinMapper {
        let d = x.columns
        let all = Parallel.map(d) { f -> [Double] in
            var values: [Double] = []
            if let rows {
                values.reserveCapacity(rows.count)
                for r in rows { let v = x.values[r * d + f]; if !v.isNaN { values.append(v) } }
            } else {
                values.reserveCapacity(x.rows)
                for r in 0..<x.rows { let v = x.values[r * d + f]; if !v.isNaN { values.append(v) } }
            }
            return thresholds(for: &values)
        }
        return BinMapper(thresholds: all)
    }

    static func thresholds(for values: inout [Double]) -> [Double] {
        guard !values.isEmpty else { return [] }
        values.sort()
        var distinct: [Double] = [values[0]]
        for v in values.dropFirst() where v != distinct[distinct.count - 1] { distinct.append(v) }
        if distinct.count <= maxBins {
            return (0..<(distinct.count - 1)).map { (distinct[$0] + distinct[$0 + 1]) / 2 }
        }
        let n = values.count
        return (1..<maxBins).map { k in
            let position = Double(k) / Double(maxBins) * Double(n - 1)
            let lo = Int(position.rounded(.down)), hi = Int(position.rounded(.up))
            return (values[lo] + values[min(hi, n - 1)]) / 2
        }
    }

    /// Number of non-missing bins of feature `f`.
    public func binCount(_ f: Int) -> Int { thresholds[f].count + 1 }

    /// The bin of one value of feature `f`.
    @inline(__always)
    public func bin(_ value: Double, feature f: Int) -> UInt8 {
        if value.isNaN { return BinMapper.missingBin }
        let t = thresholds[f]
        var lo = 0, hi = t.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if t[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return UInt8(lo)
    }

    /// Binned data, feature-major: `result[f * rows + r]`.
    public func transform(_ x: DesignMatrix) -> [UInt8] {
        let n = x.rows, d = x.columns
        let columns = Parallel.map(d) { f -> [UInt8] in
            (0..<n).map { r in bin(x.values[r * d + f], feature: f) }
        }
        var out = [UInt8](repeating: 0, count: n * d)
        for f in 0..<d { for r in 0..<n { out[f * n + r] = columns[f][r] } }
        return out
    }
}
