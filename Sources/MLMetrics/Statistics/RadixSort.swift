/// A least-significant-digit radix sort for Doubles: order-preserving 64-bit keys, six 11-bit passes
/// (counters stay in L1 cache) with all six histograms built in one read. Several times faster than a
/// comparison sort on large samples. NaN-free input only; −0.0 sorts before +0.0, which compare equal.
public enum RadixSort {
    private static let digitBits = 11
    private static let radix = 1 << digitBits
    private static let passes = 6

    /// Returns `values` sorted ascending.
    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < 4096 { return values.sorted() }
        var keys = [UInt64](repeating: 0, count: n)
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: radix * passes)
        let mask = UInt64(radix - 1)
        values.withUnsafeBufferPointer { src in
            keys.withUnsafeMutableBufferPointer { dst in
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        let k = key(src[i])
                        dst[i] = k
                        for p in 0..<passes {
                            c[p * radix + Int((k >> UInt64(p * digitBits)) & mask)] += 1
                        }
                    }
                }
            }
        }
        var from = keys, to = scratch
        keys = []; scratch = []
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            let skip = counts.withUnsafeBufferPointer { c in (0..<radix).contains { c[p * radix + $0] == n } }
            if skip { continue }
            from.withUnsafeBufferPointer { src in
                to.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { c in
                        var total = 0
                        for d in 0..<radix {
                            let k = c[p * radix + d]
                            c[p * radix + d] = total
                            total += k
                        }
                        for i in 0..<n {
                            let k = src[i]
                            let d = p * radix + Int((k >> shift) & mask)
                            dst[c[d]] = k
                            c[d] += 1
                        }
                    }
                }
            }
            swap(&from, &to)
        }
        var out = [Double](repeating: 0, count: n)
        from.withUnsafeBufferPointer { k in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = value(k[i]) }
            }
        }
        return out
    }

    @inline(__always) private static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always) private static func value(_ k: UInt64) -> Double {
        let bits = k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k
        return Double(bitPattern: bits)
    }
}
