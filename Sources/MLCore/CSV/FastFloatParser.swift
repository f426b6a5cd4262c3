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
        if start[i] | 0x20 == 105 { // 'i'
            return parseInfinity(start + i, count: hi - i).map { negative ? -$0 : $0 }
        }
        guard let (value, end) = parseDecimal(start, from: lo, limit: hi), end == hi else { return nil }
        return value
    }

    /// Parses the longest decimal number `[+-]digits[.digits][e[+-]digits]` starting at `from` (no spaces,
    /// no `inf`), reading no byte at or after `limit`; returns the value and the index after it.
    /// Up to 19 digits are accumulated exactly (eight at a time when possible); longer numbers go to `strtod`.
    @inline(__always)
    static func parseDecimal(_ start: UnsafePointer<UInt8>, from: Int, limit hi: Int) -> (Double, Int)? {
        var i = from
        guard i < hi else { return nil }
        var negative = false
        if start[i] == 45 { negative = true; i += 1 } else if start[i] == 43 { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var tooLong = false
        var exponent = 0
        while i < hi {
            let d = start[i] &- 48
            if d > 9 { break }
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); digits += 1 } else { tooLong = true }
            i += 1
        }
        if i < hi, start[i] == 46 { // '.'
            i += 1
            let raw = UnsafeRawPointer(start)
            while i + 8 <= hi, digits + 8 <= 19 {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                guard isEightDigits(word) else { break }
                mantissa = mantissa &* 100_000_000 &+ eightDigits(word)
                digits += 8
                exponent -= 8
                i += 8
            }
            while i < hi {
                let d = start[i] &- 48
                if d > 9 { break }
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); digits += 1; exponent -= 1 } else { tooLong = true }
                i += 1
            }
        }
        if digits == 0 && !tooLong { return nil }
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
        if !tooLong {
            if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
            if mantissa <= 9_007_199_254_740_992, exponent >= -22, exponent <= 22 {
                var value = Double(mantissa)
                if exponent < 0 { value /= exactPowerOfTen(-exponent) } else { value *= exactPowerOfTen(exponent) }
                return (negative ? -value : value, i)
            }
            #if arch(x86_64) && !os(Windows)
            if exponent >= -27, exponent <= 27, let value = extendedPrecision(mantissa, exponent: exponent) {
                return (negative ? -value : value, i)
            }
            #endif
        }
        guard let value = slowParse(start + from, count: i - from) else { return nil }
        return (value, i)
    }

    /// Whether all eight bytes of a little-endian word are ASCII digits.
    @inline(__always)
    static func isEightDigits(_ v: UInt64) -> Bool {
        ((v &+ 0x4646_4646_4646_4646) | (v &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0
    }

    /// The value of eight ASCII digits in a little-endian word (first digit in the lowest byte).
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64 {
        var v = word &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        v = (((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064) &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) >> 32
        return v
    }

    /// 10^k for 0 ≤ k ≤ 22 (exact in a Double).
    @inline(__always)
    static func exactPowerOfTen(_ k: Int) -> Double { PowerTables.shared.doubles[k] }

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

    #if arch(x86_64) && !os(Windows)
    /// 10^k for 0 ≤ k ≤ 27, exact in a Float80 (5^27 < 2^64).
    @inline(__always)
    private static func extendedPowerOfTen(_ k: Int) -> Float80 { PowerTables.shared.extended[k] }

    /// `mantissa · 10^exponent` with one correctly rounded 64-bit-significand operation, then rounded
    /// to Double. Double rounding can only go wrong when the extended result sits exactly on a midpoint
    /// between two doubles (its 11 extra bits are `10000000000`); that case returns nil for `strtod`.
    @inline(__always)
    private static func extendedPrecision(_ mantissa: UInt64, exponent: Int) -> Double? {
        let m = Float80(mantissa)
        let r = exponent < 0 ? m / extendedPowerOfTen(-exponent) : m * extendedPowerOfTen(exponent)
        if r.significandBitPattern & 0x7FF == 0x400 { return nil }
        return Double(r)
    }
    #endif

}

/// Exact powers of ten, allocated once and never freed (plain pointers: no reference counting on the hot path).
private struct PowerTables: @unchecked Sendable {
    let doubles: UnsafeMutablePointer<Double>
    #if arch(x86_64) && !os(Windows)
    let extended: UnsafeMutablePointer<Float80>
    #endif

    static let shared = PowerTables()

    private init() {
        doubles = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var p = 1.0
        for k in 0...22 { doubles[k] = p; p *= 10 }
        #if arch(x86_64) && !os(Windows)
        extended = UnsafeMutablePointer<Float80>.allocate(capacity: 28)
        var q: Float80 = 1
        for k in 0...27 { extended[k] = q; q *= 10 }
        #endif
    }
}
