import CLICore
import MLCore
import MLMetrics

/// Problems with the label, prediction, score or group columns given to a metrics command.
public enum MetricsInputError: UserFacingError, Equatable {
    /// A required value is missing in a row.
    case missingValue(column: String, location: String)
    /// A value is NaN or infinite.
    case nonFinite(column: String, location: String)
    /// The positive label is not among the labels.
    case unknownPositiveLabel(String, labels: [String])
    /// A binary-only command got more than two labels.
    case notBinary(column: String, labels: [String])
    /// A column that must be numeric is text.
    case notNumeric(column: String, path: String)
    /// The file has no data rows.
    case noRows(path: String)
    /// An option value outside its range.
    case invalidOption(String)

    public var message: String {
        switch self {
        case .missingValue(let column, let location):
            return "\(location): column '\(column)' has no value; every row needs a \(column) (drop or fill the row)"
        case .nonFinite(let column, let location):
            return "\(location): column '\(column)' holds NaN or infinity; metrics need finite numbers"
        case .unknownPositiveLabel(let label, let labels):
            return "positive label '\(label)' is not among the labels [\(labels.joined(separator: ", "))]; pass --positive-label with one of them"
        case .notBinary(let column, let labels):
            return "column '\(column)' has \(labels.count) labels [\(labels.prefix(10).joined(separator: ", "))]; this command needs exactly two (binary classification)"
        case .notNumeric(let column, let path):
            return "column '\(column)' in \(path) must be numeric (a score or probability)"
        case .noRows(let path):
            return "\(path) has no data rows; provide a CSV with a header and at least one row"
        case .invalidOption(let text):
            return text
        }
    }

    public var exitCode: Int32 { 2 }
}

/// Reads the columns a metrics command needs and turns them into plain arrays for MLMetrics.
struct LabelColumns {
    let table: Table
    let path: String

    init(path: String, naValues: String? = nil) throws {
        let table = try CommandSupport.readTable(path, naValues: CommandSupport.list(naValues) ?? [])
        guard table.rowCount > 0 else { throw MetricsInputError.noRows(path: path) }
        self.table = table
        self.path = path
    }

    /// `path:line` (or `path: row N`) of a row.
    func location(_ row: Int) -> String {
        if let line = table.line(ofRow: row) { return "\(path):\(line)" }
        return "\(path): row \(row + 1)"
    }

    /// Text of every row of a column; a missing value is an error naming the line.
    func labels(_ name: String) throws -> [String] {
        let column = try table.requireColumn(name)
        var out: [String] = []
        out.reserveCapacity(column.count)
        for i in 0..<column.count {
            guard let text = column.text(at: i) else { throw MetricsInputError.missingValue(column: name, location: location(i)) }
            out.append(text)
        }
        return out
    }

    /// Finite numbers of every row of a column; missing or non-finite values are errors naming the line.
    func numbers(_ name: String) throws -> [Double] {
        let column = try table.requireColumn(name)
        guard let values = column.numbers else { throw MetricsInputError.notNumeric(column: name, path: path) }
        for (i, v) in values.enumerated() {
            if v.isNaN { throw MetricsInputError.missingValue(column: name, location: location(i)) }
            if !v.isFinite { throw MetricsInputError.nonFinite(column: name, location: location(i)) }
        }
        return values
    }

    /// Group values of a column; a missing value becomes the group "(missing)".
    func groups(_ name: String) throws -> [String] {
        try table.requireColumn(name).strings.map { $0 ?? "(missing)" }
    }
}

/// How labels are ordered and which one is positive.
struct LabelSet {
    /// Distinct labels: numerically sorted when all are numbers, otherwise lexicographically.
    let labels: [String]
    /// The positive label (binary tasks).
    let positive: String?
    /// How the positive label was chosen, when it was not given.
    let note: String?

    init(values: [[String]], positive requested: String?) throws {
        let distinct = Array(Set(values.joined()))
        let numeric = distinct.compactMap { Double($0) }
        let labels: [String]
        if numeric.count == distinct.count {
            labels = distinct.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        } else {
            labels = distinct.sorted()
        }
        self.labels = labels
        if let requested {
            guard labels.contains(requested) else { throw MetricsInputError.unknownPositiveLabel(requested, labels: labels) }
            positive = requested
            note = nil
        } else if labels.contains("1") && labels.allSatisfy({ ["0", "1"].contains($0) }) {
            positive = "1"; note = nil
        } else if labels.contains("true") && labels.allSatisfy({ ["true", "false"].contains($0) }) {
            positive = "true"; note = nil
        } else if labels.count == 2, let last = labels.last {
            positive = last
            note = "no --positive-label given: using '\(last)', the greater of the two sorted labels"
        } else if labels.count == 1, let only = labels.first {
            positive = only
            note = "only one label ('\(only)') appears: it is taken as the positive label"
        } else {
            positive = nil; note = nil
        }
    }

    /// Index of each value in `labels` (the order metrics use).
    func codes(_ values: [String]) -> [Int] {
        var index: [String: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        return values.map { index[$0] ?? -1 }
    }

    var isBinary: Bool { labels.count <= 2 && positive != nil }
}
