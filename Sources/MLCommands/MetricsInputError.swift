import CLICore
import MLCore

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
    /// A column that must be numeric holds text; `expected` says what the column is for.
    case notNumeric(column: String, location: String, text: String, expected: String)
    /// A score that must be a probability lies outside [0, 1].
    case notProbability(column: String, location: String, value: Double, command: String)
    /// A reference file holds a single class.
    case singleClass(column: String, path: String, label: String, command: String)
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
        case .notNumeric(let column, let location, let text, let expected):
            return "\(location): column '\(column)' holds '\(text)', but it must be numeric (\(expected)); fix or remove the row"
        case .notProbability(let column, let location, let value, let command):
            return "\(location): column '\(column)' holds \(Column.format(value)), but \(command) needs probabilities of the positive class in [0, 1]; pass the model's probability column, not a raw score"
        case .singleClass(let column, let path, let label, let command):
            return "label column '\(column)' in \(path) holds only one class ('\(label)'); \(command) needs both classes in the reference to calibrate scores and set alert bands; use a reference with positive and negative rows"
        case .noRows(let path):
            return "\(path) has no data rows; provide a CSV with a header and at least one row"
        case .invalidOption(let text):
            return text
        }
    }

    public var exitCode: Int32 { 2 }
}
