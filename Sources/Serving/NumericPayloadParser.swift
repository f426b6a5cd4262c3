import MLCore

/// An all-numeric MLflow split payload read straight from the request bytes: column names (as byte ranges of the
/// body) and the cells, row-major, as doubles.
struct NumericPayload {
    /// Byte ranges of the column names inside the body (ASCII names without escapes).
    var columns: [Range<Int>]
    var rowCount: Int
    /// `rowCount x columns.count` cells, row-major.
    var cells: [Double]
}

/// A strict, allocation-light reader for the common scoring body
/// `{"input_data": {"columns": ["a", ...], "index": [...], "data": [[1.5, 2, ...], ...]}}` (or `dataframe_split`).
///
/// It accepts only RFC 8259 JSON in exactly that shape: an object with one `input_data`/`dataframe_split` key whose
/// object has `columns` (strings without escapes), optionally `index` (any JSON value), and `data` (a non-empty list
/// of equally long lists of numbers), each key at most once. Anything else, including valid JSON of another shape,
/// strings with escapes, `null` cells, a non-finite number or a row of the wrong length, returns nil: the caller
/// then takes the general path (`ScoringPayload.parse`), which accepts or rejects the body and words the 400.
/// So this reader never changes an answer, it only makes the common one cheap.
struct NumericPayloadParser {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Reads a body; nil when it is not exactly the shape above.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> NumericPayload? {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return nil }
        var parser = NumericPayloadParser(base: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return parser.root()
    }

    private mutating func root() -> NumericPayload? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        guard let key = stringRange(), isKey(key, "input_data") || isKey(key, "dataframe_split"), consume(UInt8(ascii: ":")) else { return nil }
        guard let payload = split(), consume(UInt8(ascii: "}")) else { return nil }
        skipSpace()
        return index == count ? payload : nil
    }

    private mutating func split() -> NumericPayload? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var columns: [Range<Int>]?
        var data: (rows: Int, width: Int, cells: [Double])?
        var sawIndex = false
        if peek(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = stringRange(), consume(UInt8(ascii: ":")) else { return nil }
            if isKey(key, "columns") {
                guard columns == nil, let names = columnList() else { return nil }
                columns = names
            } else if isKey(key, "data") {
                guard data == nil, let rows = rowList() else { return nil }
                data = rows
            } else if isKey(key, "index") {
                guard !sawIndex, skipValue(depth: 0) else { return nil }
                sawIndex = true
            } else {
                return nil
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), let columns, let data, data.width == columns.count else { return nil }
        return NumericPayload(columns: columns, rowCount: data.rows, cells: data.cells)
    }

    private mutating func columnList() -> [Range<Int>]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var names: [Range<Int>] = []
        if consume(UInt8(ascii: "]")) { return nil }
        repeat {
            guard let name = stringRange() else { return nil }
            names.append(name)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? names : nil
    }

    private mutating func rowList() -> (rows: Int, width: Int, cells: [Double])? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var cells: [Double] = []
        cells.reserveCapacity(max(16, (count - index) / 8))
        var rows = 0
        var width = -1
        if consume(UInt8(ascii: "]")) { return nil }
        repeat {
            guard consume(UInt8(ascii: "[")) else { return nil }
            let before = cells.count
            if !consume(UInt8(ascii: "]")) {
                repeat {
                    skipSpace()
                    guard let value = number() else { return nil }
                    cells.append(value)
                } while consume(UInt8(ascii: ","))
                guard consume(UInt8(ascii: "]")) else { return nil }
            }
            let length = cells.count - before
            if width < 0 {
                width = length
            } else if length != width {
                return nil
            }
            rows += 1
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")), width > 0 else { return nil }
        return (rows, width, cells)
    }

    /// One JSON number (RFC 8259 grammar), read in one pass: integers without fraction or exponent as Int64 then
    /// Double (as the general parser does); others with at most 19 significant digits and a power of ten up to 22 by
    /// one exact operation (Clinger's fast path, correctly rounded), the rest by `FastFloatParser` (also correctly
    /// rounded). Nil for anything else, for integers of more than 18 digits, and for non-finite values.
    private mutating func number() -> Double? {
        let start = index
        var negative = false
        if index < count, base[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < count else { return nil }
        var mantissa: UInt64 = 0
        var significant = 0
        var exact = true
        var exponent = 0
        let first = base[index] &- UInt8(ascii: "0")
        if first == 0 {
            index += 1
        } else if first < 10 {
            while index < count {
                let d = base[index] &- UInt8(ascii: "0")
                if d > 9 { break }
                if significant < 19 { mantissa = mantissa &* 10 &+ UInt64(d); significant += 1 } else { exact = false }
                index += 1
            }
        } else {
            return nil
        }
        var integral = true
        if index < count, base[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            let digits = index
            while index < count {
                let d = base[index] &- UInt8(ascii: "0")
                if d > 9 { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else {
                    exact = false
                }
                index += 1
            }
            guard index > digits else { return nil }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            var negativeExponent = false
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                negativeExponent = base[index] == UInt8(ascii: "-")
                index += 1
            }
            let digits = index
            var e = 0
            while index < count {
                let d = base[index] &- UInt8(ascii: "0")
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                index += 1
            }
            guard index > digits else { return nil }
            exponent += negativeExponent ? -e : e
        }
        if integral {
            // Up to 18 digits fit Int64 exactly; longer integers go to the general path.
            guard exact, significant <= 18 else { return nil }
            let value = Int64(mantissa)
            return Double(negative ? -value : value)
        }
        if exact, mantissa <= 9_007_199_254_740_992, exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= NumericPayloadParser.powerOfTen(-exponent) } else { value *= NumericPayloadParser.powerOfTen(exponent) }
            return negative ? -value : value
        }
        guard let value = FastFloatParser.parse(base + start, count: index - start), value.isFinite else { return nil }
        return value
    }

    /// 10^k for 0 <= k <= 22, each exact in a Double.
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// A string without escapes or control characters; its content's byte range. Non-ASCII bytes are refused so a
    /// name compares byte for byte with the model's column names.
    private mutating func stringRange() -> Range<Int>? {
        skipSpace()
        guard index < count, base[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// Skips one JSON value (for `index`), strictly; strings with escapes are refused (the general path takes them).
    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64 else { return false }
        skipSpace()
        guard index < count else { return false }
        switch base[index] {
        case UInt8(ascii: "["):
            index += 1
            if consume(UInt8(ascii: "]")) { return true }
            repeat { guard skipValue(depth: depth + 1) else { return false } } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        case UInt8(ascii: "{"):
            index += 1
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard stringRange() != nil, consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        case UInt8(ascii: "\""):
            return stringRange() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            return number() != nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard count - index >= length else { return false }
        let text = word.utf8Start
        for i in 0..<length where base[index + i] != text[i] { return false }
        index += length
        return true
    }

    private func isKey(_ range: Range<Int>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard range.count == length else { return false }
        let text = word.utf8Start
        for i in 0..<length where base[range.lowerBound + i] != text[i] { return false }
        return true
    }

    /// Whether the column name at `range` equals `name` byte for byte.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ name: [UInt8]) -> Bool {
        guard range.count == name.count, range.upperBound <= bytes.count else { return false }
        for (offset, byte) in name.enumerated() where bytes[range.lowerBound + offset] != byte { return false }
        return true
    }

    private mutating func skipSpace() {
        while index < count {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        var i = index
        while i < count, base[i] == 0x20 || base[i] == 0x0A || base[i] == 0x0D || base[i] == 0x09 { i += 1 }
        return i < count && base[i] == byte
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < count, base[index] == byte else { return false }
        index += 1
        return true
    }
}
