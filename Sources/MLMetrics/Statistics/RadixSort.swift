/// A least-significant-digit radix sort for Doubles: order-preserving 64-bit keys, eight 8-bit passes
/// (256 write streams per pass keep TLB misses low; measured faster than 11- or 16-bit digits on 1M
/// values) with all histograms built in one read and constant-digit passes skipped. Several times faster than a
/// comparison sort on large samples. NaN-free input only; −0.0 sorts before +0.0, which compare equal.
public enum RadixSort {
    private static let digitBits = 8
    private static let radix = 1 << digitBits
    private static let passes = 8

    /// Returns `values` sorted ascending.
    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < 4096 { return values.sorted() }
        var keys = uninitialized(UInt64.self, n)
        var scratch = uninitialized(UInt64.self, n)
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
        var out = uninitialized(Double.self, n)
        from.withUnsafeBufferPointer { k in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = value(k[i]) }
            }
        }
        return out
    }

    /// An array of `n` elements whose contents are overwritten before being read (skips zero-filling).
    private static func uninitialized<T: BitwiseCopyable>(_ type: T.Type, _ n: Int) -> [T] {
        [T](unsafeUninitializedCapacity: n) { _, count in count = n }
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
