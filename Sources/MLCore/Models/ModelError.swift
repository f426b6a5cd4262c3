/// Problems fitting or applying a model, phrased so a user can fix the data or the options.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// Inputs of inconsistent shapes.
    case shapeMismatch(String)
    /// No rows to fit on.
    case emptyData(String)
    /// The target holds a single class; a classifier needs at least two.
    case singleClass(label: String, value: String)
    /// A feature holds NaN or infinity (after preprocessing).
    case nonFiniteFeature(column: String, row: Int, line: Int?, path: String?)
    /// A feature has a missing value and no imputation was asked for.
    case missingFeature(column: String, row: Int, line: Int?, path: String?)
    /// A column the model needs is absent from the data to score.
    case missingInput(column: String, path: String?, required: [String])
    /// The target holds a missing or non-finite value.
    case invalidTarget(column: String, row: Int, line: Int?, path: String?, reason: String)
    /// An option is out of range.
    case invalidOption(String)
    /// The numeric problem has no unique solution.
    case singular(String)

    /// One line a user can act on.
    public var message: String {
        switch self {
        case .shapeMismatch(let text): return text
        case .emptyData(let text): return text
        case .singleClass(let label, let value):
            return "label column '\(label)' holds only one class ('\(value)'); a classifier needs at least two classes in the training data"
        case .nonFiniteFeature(let column, let row, let line, let path):
            return "\(place(path, line, row)): feature '\(column)' is NaN or infinite; fix the value or enable imputation (--impute) for missing values"
        case .missingFeature(let column, let row, let line, let path):
            return "\(place(path, line, row)): feature '\(column)' is missing; fill it, drop the row, or pass --impute mean|median"
        case .missingInput(let column, let path, let required):
            return "column '\(column)' is missing\(path.map { " from \($0)" } ?? ""); the model needs the columns: \(required.joined(separator: ", "))"
        case .invalidTarget(let column, let row, let line, let path, let reason):
            return "\(place(path, line, row)): label '\(column)' \(reason); remove or fix that row"
        case .invalidOption(let text): return text
        case .singular(let text): return text
        }
    }

    public var description: String { message }

    private func place(_ path: String?, _ line: Int?, _ row: Int) -> String {
        if let path, let line { return "\(path):\(line)" }
        return "row \(row + 1)"
    }
}
