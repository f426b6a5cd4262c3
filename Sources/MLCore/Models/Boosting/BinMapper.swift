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
        radixSort(&values)
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
        var out = [UInt8](repeating: 0, count: n * d)
        x.values.withUnsafeBufferPointer { xb in
            out.withUnsafeMutableBufferPointer { ob in
                guard let xBase = xb.baseAddress, let oBase = ob.baseAddress else { return }
                let input = SharedBuffer(base: xBase, count: xb.count)
                let output = SharedMutableBuffer(base: oBase, count: ob.count)
                _ = Parallel.map(d) { f -> Bool in
                    thresholds[f].withUnsafeBufferPointer { tb in
                        let t = tb.baseAddress
                        let count = tb.count
                        let target = output.base + f * n
                        for r in 0..<n {
                            let value = input.base[r * d + f]
                            if value.isNaN { target[r] = BinMapper.missingBin; continue }
                            var lo = 0, hi = count
                            while lo < hi {
                                let mid = (lo + hi) >> 1
                                if let t, t[mid] < value { lo = mid + 1 } else { hi = mid }
                            }
                            target[r] = UInt8(truncatingIfNeeded: lo)
                        }
                    }
                    return true
                }
            }
        }
        return out
    }

    /// Sorts doubles (no NaN) ascending with an LSD radix sort on their order-preserving bit patterns.
    static func radixSort(_ values: inout [Double]) {
        let n = values.count
        guard n > 64 else { values.sort(); return }
        var keys = values.map { v -> UInt64 in
            let bits = (v == 0 ? 0.0 : v).bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var buffer = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        var shift: UInt64 = 0
        while shift < 64 {
            for i in 0..<2048 { counts[i] = 0 }
            for k in keys { counts[Int((k >> shift) & 2047)] += 1 }
            if counts.contains(n) { shift += 11; continue }
            var total = 0
            for i in 0..<2048 { let c = counts[i]; counts[i] = total; total += c }
            for k in keys {
                let digit = Int((k >> shift) & 2047)
                buffer[counts[digit]] = k
                counts[digit] += 1
            }
            swap(&keys, &buffer)
            shift += 11
        }
        for i in 0..<n {
            let k = keys[i]
            values[i] = Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
        }
    }
}
