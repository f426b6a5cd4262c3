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
    /// A classification label holds non-integer numbers (scikit-learn: "Unknown label type: continuous").
    case continuousLabel(column: String, value: String, row: Int, line: Int?, path: String?, distinct: Int)
    /// A feature column at scoring time holds values of another kind than in training (e.g. booleans in a numeric feature).
    case featureKindChanged(column: String, trained: String, found: String, text: String, row: Int, line: Int?, path: String?)
    /// The data to score already has a column the scores would be written to.
    case outputColumnExists(column: String, path: String?)
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
            return "\(place(path, line, row)): feature '\(column)' is missing; fill it, drop the row, or pass --impute mean|median (gradient-boosting takes missing values as they are)"
        case .missingInput(let column, let path, let required):
            return "column '\(column)' is missing\(path.map { " from \($0)" } ?? ""); the model needs the columns: \(required.joined(separator: ", "))"
        case .invalidTarget(let column, let row, let line, let path, let reason):
            return "\(place(path, line, row)): label '\(column)' \(reason); remove or fix that row"
        case .continuousLabel(let column, let value, let row, let line, let path, let distinct):
            return "\(place(path, line, row)): label '\(column)' holds \(value), not a whole number: its \(distinct) distinct values are continuous (scikit-learn: \"Unknown label type: continuous\"), and a classifier needs class labels; use linear-regression, ridge or gradient-boosting --task regression, or turn the label into classes"
        case .featureKindChanged(let column, let trained, let found, let text, let row, let line, let path):
            return "\(place(path, line, row)): feature '\(column)' was \(trained) in training but holds \(found) value '\(text)' here; the model would read it as a number silently, so fix the column (or retrain on data of this kind)"
        case .outputColumnExists(let column, let path):
            return "\(path.map { "\($0) " } ?? "the data ")already has a column '\(column)', which scoring writes; rename or drop it (e.g. it is a previous run's output) and score again"
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
