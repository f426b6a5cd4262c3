#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers from ASCII bytes, correctly rounded.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]`, `.5`, `5.`, and `inf`/`infinity` (any case), with
/// surrounding spaces or tabs. Numbers with at most 15 significant digits and a small exponent take an
/// exact fast path (Clinger); the rest go to the C library's `strtod` after the grammar was checked here,
/// so hexadecimal floats and other C extensions are never accepted.
public enum FastFloatParser {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a whole field; nil when it is not a number.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, count: buffer.count)
        }
    }

    /// Parses a whole string; nil when it is not a number.
    public static func parse(_ text: String) -> Double? {
        parse(Array(text.utf8)[...])
    }

    /// Parses `count` bytes at `start`; nil when they are not exactly one number.
    @inline(__always)
    public static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        var lo = 0
        var hi = count
        while lo < hi, start[lo] == 32 || start[lo] == 9 { lo += 1 }
        while hi > lo, start[hi - 1] == 32 || start[hi - 1] == 9 { hi -= 1 }
        if lo == hi { return nil }
        var i = lo
        var negative = false
        if start[i] == 45 { negative = true; i += 1 } else if start[i] == 43 { i += 1 }
        if i == hi { return nil }
        let c0 = start[i] | 0x20
        if c0 == 105 { // 'i'
            return parseInfinity(start + i, count: hi - i).map { negative ? -$0 : $0 }
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var exponent = 0
        // integer part
        while i < hi {
            let d = start[i] &- 48
            if d > 9 { break }
            digitCount += 1
            if mantissa == 0 && d == 0 {
                // leading zero: not significant
            } else if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significantDigits += 1
            } else {
                exponent += 1
                significantDigits += 1
            }
            i += 1
        }
        if i < hi, start[i] == 46 { // '.'
            i += 1
            while i < hi {
                let d = start[i] &- 48
                if d > 9 { break }
                digitCount += 1
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significantDigits += 1
                    exponent -= 1
                } else {
                    significantDigits += 1
                }
                i += 1
            }
        }
        if digitCount == 0 { return nil }
        if i < hi, start[i] | 0x20 == 101 { // 'e'
            i += 1
            var expNegative = false
            if i < hi, start[i] == 45 { expNegative = true; i += 1 } else if i < hi, start[i] == 43 { i += 1 }
            var e = 0
            var expDigits = 0
            while i < hi {
                let d = start[i] &- 48
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            exponent += expNegative ? -e : e
        }
        if i != hi { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if significantDigits <= 19, mantissa <= 9_007_199_254_740_992, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= powersOfTen[-exponent] } else { value *= powersOfTen[exponent] }
            return negative ? -value : value
        }
        #if arch(x86_64) && !os(Windows)
        if significantDigits <= 19, exponent >= -27, exponent <= 27,
           let value = extendedPrecision(mantissa, exponent: exponent) {
            return negative ? -value : value
        }
        #endif
        return slowParse(start + lo, count: hi - lo)
    }

    #if arch(x86_64) && !os(Windows)
    private static let extendedPowersOfTen: [Float80] = (0...27).map { k in
        var p: Float80 = 1
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// `mantissa · 10^exponent` with one correctly rounded 64-bit-significand operation, then rounded
    /// to Double. Double rounding can only go wrong when the extended result sits exactly on a midpoint
    /// between two doubles (its 11 extra bits are `10000000000`); that case returns nil for `strtod`.
    @inline(__always)
    private static func extendedPrecision(_ mantissa: UInt64, exponent: Int) -> Double? {
        let m = Float80(mantissa)
        let r = exponent < 0 ? m / extendedPowersOfTen[-exponent] : m * extendedPowersOfTen[exponent]
        if r.significandBitPattern & 0x7FF == 0x400 { return nil }
        return Double(r)
    }
    #endif

    private static func parseInfinity(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        let word = (0..<count).map { p[$0] | 0x20 }
        if word == Array("inf".utf8) || word == Array("infinity".utf8) { return .infinity }
        return nil
    }

    private static func slowParse(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for k in 0..<count { base[k] = CChar(bitPattern: p[k]) }
            base[count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end - base == count else { return nil }
            return value
        }
    }
}
