/// A feature column given to error analysis; nil entries are missing values.
public enum SliceColumn: Sendable {
    case numeric([Double?])
    case categorical([String?])
}

/// A group of rows defined by one feature condition, with its error.
public struct ErrorSlice: Sendable, Equatable, Codable {
    /// The feature the condition is on.
    public let feature: String
    /// Human-readable condition, e.g. `sex = Female` or `age in [28, 37)`.
    public let condition: String
    /// Rows in the slice.
    public let rows: Int
    /// Mean error in the slice (misclassification rate for classifiers, mean |error| for regressors).
    public let errorRate: Double
    /// errorRate / overall error (nil when the overall error is 0).
    public let lift: Double?
}

/// Finds the slices (category values, numeric quantile ranges, missing values) with the highest error.
public enum ErrorAnalysis {
    /// Ranks slices by error rate, descending (ties: more rows first, then feature and condition).
    /// - Parameters:
    ///   - errors: per-row error (1/0 for misclassified, or |y − ŷ|).
    ///   - bins: quantile bins per numeric feature.
    ///   - minRows: slices smaller than this are skipped.
    ///   - top: how many slices to return.
    public static func topSlices(errors: [Double], features: [(name: String, column: SliceColumn)],
                                 bins: Int = 4, minRows: Int = 20, top: Int = 10) throws -> [ErrorSlice] {
        try Check.nonEmpty(errors.count, "errors")
        try Check.finite(errors, "errors")
        guard bins >= 1 else { throw MetricsError.invalidArgument("error analysis needs at least 1 bin per numeric feature, got \(bins)") }
        let overall = errors.reduce(0, +) / Double(errors.count)
        var slices: [ErrorSlice] = []
        func add(_ feature: String, _ condition: String, _ rows: [Int]) {
            guard rows.count >= minRows, !rows.isEmpty else { return }
            let rate = rows.reduce(0) { $0 + errors[$1] } / Double(rows.count)
            slices.append(ErrorSlice(feature: feature, condition: condition, rows: rows.count, errorRate: rate,
                                     lift: overall > 0 ? rate / overall : nil))
        }
        for (name, column) in features {
            switch column {
            case .categorical(let values):
                try Check.sameLength(errors.count, values.count, "feature \(name)")
                var groups: [String: [Int]] = [:]
                var missing: [Int] = []
                for (i, v) in values.enumerated() {
                    if let v { groups[v, default: []].append(i) } else { missing.append(i) }
                }
                for key in groups.keys.sorted() { add(name, "\(name) = \(key)", groups[key] ?? []) }
                add(name, "\(name) is missing", missing)
            case .numeric(let values):
                try Check.sameLength(errors.count, values.count, "feature \(name)")
                let present = values.compactMap { $0 }.filter(\.isFinite).sorted()
                var missing: [Int] = []
                if !present.isEmpty {
                    var edges: [Double] = []
                    for k in 0...bins {
                        let idx = min(k * present.count / bins, present.count - 1)
                        let e = k == bins ? (present.last ?? 0) : present[idx]
                        if edges.last != e { edges.append(e) }
                    }
                    if edges.count == 1, let only = edges.first { edges.append(only) }
                    var members = [[Int]](repeating: [], count: edges.count - 1)
                    for (i, v) in values.enumerated() {
                        guard let v, v.isFinite else { missing.append(i); continue }
                        var b = Binning.upperBound(edges, v) - 1
                        b = min(max(b, 0), members.count - 1)
                        members[b].append(i)
                    }
                    for b in members.indices {
                        let closing = b == members.count - 1 ? "]" : ")"
                        add(name, "\(name) in [\(format(edges[b])), \(format(edges[b + 1]))\(closing)", members[b])
                    }
                } else {
                    missing = Array(values.indices)
                }
                add(name, "\(name) is missing", missing)
            }
        }
        slices.sort {
            if $0.errorRate != $1.errorRate { return $0.errorRate > $1.errorRate }
            if $0.rows != $1.rows { return $0.rows > $1.rows }
            return ($0.feature, $0.condition) < ($1.feature, $1.condition)
        }
        return Array(slices.prefix(max(top, 0)))
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
