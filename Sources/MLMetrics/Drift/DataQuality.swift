/// Azure ML's data-quality rates for one column of the current data, judged against the reference.
public struct DataQuality: Sendable, Equatable, Codable {
    /// Missing values / rows.
    public let nullValueRate: Double
    /// Values whose type differs from the reference column's type / rows (e.g. text in a numeric column).
    public let dataTypeErrorRate: Double
    /// Numeric values outside [min_ref, max_ref], or categories unseen in the reference, / rows.
    public let outOfBoundsRate: Double
    /// Rows in the current column.
    public let rowCount: Int

    /// Azure's default threshold for each rate: any bad value alerts.
    public static let defaultThreshold = 0.0

    /// Rates for a numeric reference column. `current` holds raw cell text (nil = missing).
    public init(numericReference reference: [Double], current: [String?]) {
        let lo = reference.min() ?? .nan, hi = reference.max() ?? .nan
        var nulls = 0, typeErrors = 0, outside = 0
        for cell in current {
            guard let text = cell, !text.isEmpty else { nulls += 1; continue }
            guard let v = Double(text.trimmingCharacters(in: " ")), v.isFinite else { typeErrors += 1; continue }
            if !(v >= lo && v <= hi) { outside += 1 }
        }
        self.init(nulls: nulls, typeErrors: typeErrors, outside: outside, rows: current.count)
    }

    /// Rates for a categorical reference column. `current` holds raw cell text (nil = missing).
    public init(categoricalReference reference: Set<String>, current: [String?]) {
        var nulls = 0, outside = 0
        for cell in current {
            guard let text = cell, !text.isEmpty else { nulls += 1; continue }
            if !reference.contains(text) { outside += 1 }
        }
        self.init(nulls: nulls, typeErrors: 0, outside: outside, rows: current.count)
    }

    init(nulls: Int, typeErrors: Int, outside: Int, rows: Int) {
        let n = Double(max(rows, 1))
        nullValueRate = rows == 0 ? 0 : Double(nulls) / n
        dataTypeErrorRate = rows == 0 ? 0 : Double(typeErrors) / n
        outOfBoundsRate = rows == 0 ? 0 : Double(outside) / n
        rowCount = rows
    }

    /// Whether any rate exceeds `threshold` (Azure alerts when value > threshold).
    public func alerts(threshold: Double = DataQuality.defaultThreshold) -> Bool {
        nullValueRate > threshold || dataTypeErrorRate > threshold || outOfBoundsRate > threshold
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
