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
                cells.reserveCapacity(length * 8)
            } else if length != width {
                return nil
            }
            rows += 1
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")), width > 0 else { return nil }
        return (rows, width, cells)
    }

    /// One JSON number (RFC 8259 grammar): integers without fraction or exponent as Int64 then Double (as the
    /// general parser does), the rest correctly rounded by `FastFloatParser`; nil for anything else or non-finite.
    private mutating func number() -> Double? {
        let start = index
        if index < count, base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return nil }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else if base[index] >= UInt8(ascii: "1") && base[index] <= UInt8(ascii: "9") {
            while index < count, base[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        } else {
            return nil
        }
        var integral = true
        if index < count, base[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            let digits = index
            while index < count, base[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > digits else { return nil }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            let digits = index
            while index < count, base[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > digits else { return nil }
        }
        let length = index - start
        if integral {
            // Up to 18 digits fit Int64 exactly; longer integers go to the general path.
            let negative = base[start] == UInt8(ascii: "-")
            let digitCount = length - (negative ? 1 : 0)
            guard digitCount <= 18 else { return nil }
            var value: Int64 = 0
            for i in (start + (negative ? 1 : 0))..<index { value = value * 10 + Int64(base[i] &- UInt8(ascii: "0")) }
            return Double(negative ? -value : value)
        }
        guard let value = FastFloatParser.parse(base + start, count: length), value.isFinite else { return nil }
        return value
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
