import CLICore

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
