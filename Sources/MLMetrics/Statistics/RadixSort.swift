/// A least-significant-digit radix sort for Doubles (four 16-bit passes over order-preserving bit
/// patterns), several times faster than a comparison sort on large samples. NaN-free input only;
/// −0.0 sorts before +0.0, which compare equal anyway.
public enum RadixSort {
    /// Returns `values` sorted ascending.
    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < 2048 { return values.sorted() }
        var keys = [UInt64](repeating: 0, count: n)
        var scratch = [UInt64](repeating: 0, count: n)
        values.withUnsafeBufferPointer { src in
            keys.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n { dst[i] = key(src[i]) }
            }
        }
        var counts = [Int](repeating: 0, count: 65536)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            keys.withUnsafeMutableBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { c in
                        for i in 0..<65536 { c[i] = 0 }
                        for i in 0..<n { c[Int((from[i] >> shift) & 0xFFFF)] += 1 }
                        var total = 0
                        for i in 0..<65536 {
                            let k = c[i]
                            c[i] = total
                            total += k
                        }
                        for i in 0..<n {
                            let digit = Int((from[i] >> shift) & 0xFFFF)
                            to[c[digit]] = from[i]
                            c[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        var out = [Double](repeating: 0, count: n)
        keys.withUnsafeBufferPointer { k in
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
