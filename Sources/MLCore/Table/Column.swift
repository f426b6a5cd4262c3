/// The kind of values a column holds.
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
    /// Finite or missing (`NaN`) 64-bit floating-point numbers.
    case numeric
    /// Text values (dictionary encoded), e.g. a category or an id.
    case categorical
    /// `true` / `false` values.
    case boolean
}

/// Dictionary-encoded text values: `levels[codes[i]]` is row `i`'s value; code `-1` is missing.
public struct CategoricalValues: Sendable, Equatable {
    /// One code per row, an index into `levels`, or `-1` for a missing value.
    public var codes: [Int32]
    /// The distinct values, in order of first appearance.
    public var levels: [String]

    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// Encodes optional strings (nil = missing), keeping levels in order of first appearance.
    public init(_ values: [String?]) {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for value in values {
            guard let value else { codes.append(-1); continue }
            if let code = index[value] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[value] = code
                levels.append(value)
                codes.append(code)
            }
        }
        self.codes = codes
        self.levels = levels
    }

    /// The value of row `i`, nil when missing or out of range.
    public func value(at i: Int) -> String? {
        guard i >= 0, i < codes.count else { return nil }
        let code = Int(codes[i])
        guard code >= 0, code < levels.count else { return nil }
        return levels[code]
    }
}

/// The storage of one column.
public enum ColumnValues: Sendable, Equatable {
    /// Numbers; a missing value is `Double.nan`.
    case numeric([Double])
    /// Text values.
    case categorical(CategoricalValues)
    /// Booleans; a missing value is nil.
    case boolean([Bool?])

    /// Equal values; two missing numbers (`NaN`) count as equal.
    public static func == (lhs: ColumnValues, rhs: ColumnValues) -> Bool {
        switch (lhs, rhs) {
        case (.numeric(let a), .numeric(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !(a[i] == b[i] || (a[i].isNaN && b[i].isNaN)) { return false }
            return true
        case (.categorical(let a), .categorical(let b)): return a == b
        case (.boolean(let a), .boolean(let b)): return a == b
        default: return false
        }
    }
}

/// A named, typed column of a `Table`.
public struct Column: Sendable, Equatable {
    /// The column name (header of the CSV file).
    public var name: String
    /// The values.
    public var values: ColumnValues

    public init(name: String, values: ColumnValues) {
        self.name = name
        self.values = values
    }

    /// A numeric column; `NaN` marks a missing value.
    public init(name: String, numbers: [Double]) {
        self.init(name: name, values: .numeric(numbers))
    }

    /// A categorical column; nil marks a missing value.
    public init(name: String, strings: [String?]) {
        self.init(name: name, values: .categorical(CategoricalValues(strings)))
    }

    /// A boolean column; nil marks a missing value.
    public init(name: String, booleans: [Bool?]) {
        self.init(name: name, values: .boolean(booleans))
    }

    /// The kind of values held.
    public var kind: ColumnKind {
        switch values {
        case .numeric: return .numeric
        case .categorical: return .categorical
        case .boolean: return .boolean
        }
    }

    /// Number of rows.
    public var count: Int {
        switch values {
        case .numeric(let v): return v.count
        case .categorical(let c): return c.codes.count
        case .boolean(let b): return b.count
        }
    }

    /// Whether row `i` holds no value (out-of-range rows count as missing).
    public func isMissing(_ i: Int) -> Bool {
        guard i >= 0, i < count else { return true }
        switch values {
        case .numeric(let v): return v[i].isNaN
        case .categorical(let c): return c.codes[i] < 0
        case .boolean(let b): return b[i] == nil
        }
    }

    /// Number of missing values.
    public var missingCount: Int {
        switch values {
        case .numeric(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .categorical(let c): return c.codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        case .boolean(let b): return b.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// The values as numbers: numeric as is, booleans as 0/1, missing as `NaN`; nil for a categorical column.
    public var numbers: [Double]? {
        switch values {
        case .numeric(let v): return v
        case .boolean(let b): return b.map { $0.map { $0 ? 1.0 : 0.0 } ?? .nan }
        case .categorical: return nil
        }
    }

    /// The values as text, nil for missing: numbers in their shortest round-trip form
    /// (integral values without a fraction), booleans as `true`/`false`.
    public var strings: [String?] {
        switch values {
        case .numeric(let v): return v.map { $0.isNaN ? nil : Column.format($0) }
        case .categorical(let c): return c.codes.map { $0 < 0 ? nil : c.levels[Int($0)] }
        case .boolean(let b): return b.map { $0.map { $0 ? "true" : "false" } }
        }
    }

    /// The text of row `i` (as in `strings`), nil when missing or out of range.
    public func text(at i: Int) -> String? {
        guard i >= 0, i < count else { return nil }
        switch values {
        case .numeric(let v): return v[i].isNaN ? nil : Column.format(v[i])
        case .categorical(let c): return c.value(at: i)
        case .boolean(let b): return b[i].map { $0 ? "true" : "false" }
        }
    }

    /// The column restricted to the given rows, in that order (indices must be in range).
    public func selecting(rows: [Int]) -> Column {
        switch values {
        case .numeric(let v): return Column(name: name, values: .numeric(rows.map { v[$0] }))
        case .categorical(let c):
            return Column(name: name, values: .categorical(CategoricalValues(codes: rows.map { c.codes[$0] }, levels: c.levels)))
        case .boolean(let b): return Column(name: name, values: .boolean(rows.map { b[$0] }))
        }
    }

    /// Formats a number the way the CSV writer does: integral values below 2^53 without a fraction,
    /// others in Swift's shortest round-trip form; infinities as `inf` / `-inf`.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 {
            if x == 0 { return "0" }
            return String(Int64(x))
        }
        return x.description
    }
}
