/// Rows or ids shared between two splits.
public struct SplitLeakage: Sendable, Codable, Equatable {
    /// Rows of the second table identical (all compared columns) to a row of the first.
    public var sharedRows: Int
    /// Values of the id column present in both tables (nil when no id column was given).
    public var sharedIds: Int?
    /// File line (second table) of the first shared row, when known.
    public var firstSharedLine: Int?

    enum CodingKeys: String, CodingKey {
        case sharedRows = "shared_rows", sharedIds = "shared_ids", firstSharedLine = "first_shared_line"
    }
}

/// A feature that predicts the label almost perfectly on its own.
public struct TargetLeakSuspect: Sendable, Codable, Equatable {
    public var column: String
    /// Single-feature predictive power in [0, 1] (see `LeakageDetector.targetLeakage`).
    public var score: Double
    /// How the score was computed.
    public var method: String
}

/// Detects leakage between splits and between features and the label.
public enum LeakageDetector {
    /// Compares rows (over the columns both tables share, or `columns`) and optionally an id column.
    public static func splitLeakage(_ first: Table, _ second: Table, columns: [String]? = nil, idColumn: String? = nil) throws -> SplitLeakage {
        let shared = columns ?? first.columnNames.filter { second.column(named: $0) != nil }
        let a = try shared.map { try first.requireColumn($0).strings }
        let b = try shared.map { try second.requireColumn($0).strings }
        var rows = Set<[String?]>()
        for r in 0..<first.rowCount { rows.insert(a.map { $0[r] }) }
        var count = 0
        var firstLine: Int?
        for r in 0..<second.rowCount where rows.contains(b.map { $0[r] }) {
            count += 1
            if firstLine == nil { firstLine = second.line(ofRow: r) ?? (r + 1) }
        }
        var ids: Int?
        if let idColumn {
            let left = Set(try first.requireColumn(idColumn).strings.compactMap { $0 })
            let right = Set(try second.requireColumn(idColumn).strings.compactMap { $0 })
            ids = left.intersection(right).count
        }
        return SplitLeakage(sharedRows: count, sharedIds: ids, firstSharedLine: firstLine)
    }

    /// Features whose single-feature predictive power is at least `threshold` (default 0.95).
    ///
    /// Classification (label with two or more classes): for a numeric feature, the ROC AUC of the feature for
    /// each class against the rest (ties count one half), folded as |2·AUC − 1| and averaged over classes;
    /// for a categorical feature, the accuracy of predicting each category's majority class, rescaled so the
    /// majority-class baseline is 0 and perfect is 1. Regression: the squared correlation (numeric) or the
    /// share of variance explained by per-category means (categorical).
    public static func targetLeakage(_ table: Table, label: String, threshold: Double = 0.95) throws -> [TargetLeakSuspect] {
        let target = try table.requireColumn(label)
        var suspects: [TargetLeakSuspect] = []
        let isRegression = target.kind == .numeric && Set((target.numbers ?? []).filter { !$0.isNaN }).count > 10
        let labels = target.strings
        for column in table.columns where column.name != label {
            let score: Double
            let method: String
            if isRegression, let y = target.numbers {
                if let x = column.numbers {
                    score = squaredCorrelation(x, y)
                    method = "squared_correlation"
                } else {
                    score = explainedVariance(groups: column.strings, y)
                    method = "variance_explained_by_category"
                }
            } else if let x = column.numbers {
                score = foldedAUC(x, labels)
                method = "folded_roc_auc"
            } else {
                score = categoryPurity(column.strings, labels)
                method = "category_purity"
            }
            if score.isFinite, score >= threshold {
                suspects.append(TargetLeakSuspect(column: column.name, score: score, method: method))
            }
        }
        return suspects.sorted { $0.score > $1.score }
    }

    static func foldedAUC(_ x: [Double], _ labels: [String?]) -> Double {
        let rows = x.indices.filter { !x[$0].isNaN && labels[$0] != nil }
        let classes = Set(rows.compactMap { labels[$0] }).sorted()
        guard classes.count >= 2 else { return .nan }
        let sorted = rows.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, x[sorted[j + 1]] == x[sorted[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[sorted[k]] = rank }
            i = j + 1
        }
        let targets = classes.count == 2 ? [classes[1]] : classes
        var total = 0.0
        for positive in targets {
            var rankSum = 0.0
            var p = 0.0
            for r in rows where labels[r] == positive { rankSum += ranks[r]; p += 1 }
            let q = Double(rows.count) - p
            guard p > 0, q > 0 else { continue }
            let auc = (rankSum - p * (p + 1) / 2) / (p * q)
            total += abs(2 * auc - 1)
        }
        return total / Double(targets.count)
    }

    static func categoryPurity(_ x: [String?], _ labels: [String?]) -> Double {
        var byCategory: [String: [String: Int]] = [:]
        var overall: [String: Int] = [:]
        var n = 0
        for (value, label) in zip(x, labels) {
            guard let label else { continue }
            byCategory[value ?? "\u{0}missing", default: [:]][label, default: 0] += 1
            overall[label, default: 0] += 1
            n += 1
        }
        guard n > 0, overall.count >= 2 else { return .nan }
        // A category seen once predicts itself trivially; require categories to be shared by several rows.
        guard byCategory.count < n / 2 else { return 0 }
        let correct = byCategory.values.reduce(0) { $0 + ($1.values.max() ?? 0) }
        let baseline = overall.values.max() ?? 0
        guard n > baseline else { return .nan }
        return max(0, Double(correct - baseline) / Double(n - baseline))
    }

    static func squaredCorrelation(_ x: [Double], _ y: [Double]) -> Double {
        let rows = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        guard rows.count > 2 else { return .nan }
        let mx = rows.reduce(0) { $0 + x[$1] } / Double(rows.count)
        let my = rows.reduce(0) { $0 + y[$1] } / Double(rows.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for r in rows {
            sxy += (x[r] - mx) * (y[r] - my); sxx += (x[r] - mx) * (x[r] - mx); syy += (y[r] - my) * (y[r] - my)
        }
        guard sxx > 0, syy > 0 else { return 0 }
        return sxy * sxy / (sxx * syy)
    }

    static func explainedVariance(groups: [String?], _ y: [Double]) -> Double {
        var sums: [String: (Double, Int)] = [:]
        var rows: [Int] = []
        for (i, g) in groups.enumerated() where !y[i].isNaN {
            let key = g ?? "\u{0}missing"
            let s = sums[key] ?? (0, 0)
            sums[key] = (s.0 + y[i], s.1 + 1)
            rows.append(i)
        }
        guard rows.count > 2, sums.count < rows.count / 2 else { return 0 }
        let mean = rows.reduce(0) { $0 + y[$1] } / Double(rows.count)
        var total = 0.0, within = 0.0
        for i in rows {
            let key = groups[i] ?? "\u{0}missing"
            let s = sums[key] ?? (0, 1)
            let groupMean = s.0 / Double(s.1)
            total += (y[i] - mean) * (y[i] - mean)
            within += (y[i] - groupMean) * (y[i] - groupMean)
        }
        return total > 0 ? 1 - within / total : 0
    }
}
