/// A dense, row-major matrix of finite features, the input of every model.
public struct DesignMatrix: Sendable, Equatable {
    /// Number of rows (samples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// `values[r * columns + c]`.
    public var values: [Double]
    /// The name of each feature column.
    public var featureNames: [String]

    /// Builds a matrix; `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double], featureNames: [String]? = nil) throws {
        guard values.count == rows * columns else {
            throw ModelError.shapeMismatch("matrix of \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
        self.featureNames = featureNames ?? (0..<columns).map { "x\($0)" }
    }

    /// A matrix from feature columns (each of length `rows`).
    public init(featureColumns: [[Double]], names: [String]) throws {
        let rows = featureColumns.first?.count ?? 0
        let d = featureColumns.count
        var values = [Double](repeating: 0, count: rows * d)
        for (c, column) in featureColumns.enumerated() {
            guard column.count == rows else {
                throw ModelError.shapeMismatch("feature '\(names[safe: c] ?? "x\(c)")' has \(column.count) values, expected \(rows)")
            }
            for r in 0..<rows { values[r * d + c] = column[r] }
        }
        try self.init(rows: rows, columns: d, values: values, featureNames: names)
    }

    /// Column `c` as an array.
    public func column(_ c: Int) -> [Double] {
        guard c >= 0, c < columns else { return [] }
        return (0..<rows).map { values[$0 * columns + c] }
    }

    /// The rows at the given indices (must be in range).
    public func selecting(rows indices: [Int]) -> DesignMatrix {
        var out = [Double](repeating: 0, count: indices.count * columns)
        for (k, r) in indices.enumerated() {
            for c in 0..<columns { out[k * columns + c] = values[r * columns + c] }
        }
        return (try? DesignMatrix(rows: indices.count, columns: columns, values: out, featureNames: featureNames))
            ?? self
    }

    /// The first non-finite value, as (row, feature name), or nil when all are finite.
    public func firstNonFinite() -> (row: Int, feature: String)? {
        for i in 0..<values.count where !values[i].isFinite {
            let c = i % max(columns, 1)
            return (i / max(columns, 1), featureNames[safe: c] ?? "x\(c)")
        }
        return nil
    }
}

extension Array {
    /// The element at `i`, or nil when out of range.
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
