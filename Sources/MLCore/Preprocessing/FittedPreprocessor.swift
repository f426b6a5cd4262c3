/// What one input column becomes.
public struct FeatureTransform: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case numeric, boolean, categorical }

    /// The input column.
    public var column: String
    /// How it is encoded.
    public var kind: Kind
    /// Value used for a missing number (nil: missing is an error).
    public var fill: Double?
    /// Subtracted before scaling (standardisation), if set.
    public var center: Double?
    /// Divisor after centring (standardisation), if set.
    public var scale: Double?
    /// One-hot categories, in feature order (categorical only).
    public var categories: [String]?
    /// A missing number reaches the model as NaN (gradient boosting's missing bin) instead of being an error;
    /// nil (absent from the file) means false.
    public var keepsMissing: Bool?

    public init(column: String, kind: Kind, fill: Double? = nil, center: Double? = nil, scale: Double? = nil, categories: [String]? = nil,
                keepsMissing: Bool? = nil) {
        self.keepsMissing = keepsMissing
        self.column = column
        self.kind = kind
        self.fill = fill
        self.center = center
        self.scale = scale
        self.categories = categories
    }

    /// Names of the features this column produces (`column` or `column_category`).
    public var featureNames: [String] {
        kind == .categorical ? (categories ?? []).map { "\(column)_\($0)" } : [column]
    }
}

/// The preprocessing fitted on training data; saved in the model artifact and applied unchanged at scoring.
///
/// A categorical value not seen in training, or a missing categorical value, sets none of the column's
/// one-hot features (scikit-learn's `handle_unknown="ignore"`); `transform` counts such values.
public struct FittedPreprocessor: Sendable, Codable, Equatable {
    /// One transform per input column, in feature order.
    public var transforms: [FeatureTransform]

    public init(transforms: [FeatureTransform]) {
        self.transforms = transforms
    }

    /// The input columns the model needs.
    public var inputColumns: [String] { transforms.map(\.column) }
    /// Output feature names, in matrix column order.
    public var featureNames: [String] { transforms.flatMap(\.featureNames) }

    /// Applies the fitted transformation; errors name the column and file line of a bad value.
    public func transform(_ table: Table) throws -> (matrix: DesignMatrix, unseenCategories: [String: Int]) {
        let n = table.rowCount
        let names = featureNames
        let d = names.count
        var values = [Double](repeating: 0, count: n * d)
        var unseen: [String: Int] = [:]
        var offset = 0
        for transform in transforms {
            let column = try table.requireColumn(transform.column)
            switch transform.kind {
            case .numeric, .boolean:
                guard let numbers = column.numbers else {
                    throw TableError.notNumeric(column: transform.column, example: table.firstNonNumeric(in: column), path: table.source?.path)
                }
                if transform.kind == .numeric, case .boolean(let flags) = column.values,
                   let row = flags.firstIndex(where: { $0 != nil }) {
                    throw ModelError.featureKindChanged(column: transform.column, trained: "numeric", found: "boolean",
                                                        text: column.text(at: row) ?? "", row: row, line: table.line(ofRow: row),
                                                        path: table.source?.path)
                }
                let keepMissing = transform.fill == nil && transform.keepsMissing == true
                try Preprocessor.checkFinite(numbers, column: transform.column, table: table, allowMissing: transform.fill != nil || keepMissing)
                let fill = transform.fill ?? 0
                let center = transform.center ?? 0
                let scale = transform.scale ?? 1
                let standardize = transform.center != nil
                for r in 0..<n {
                    var v = numbers[r]
                    if v.isNaN {
                        if keepMissing { values[r * d + offset] = .nan; continue }
                        v = fill
                    }
                    values[r * d + offset] = standardize ? (v - center) / scale : v
                }
                offset += 1
            case .categorical:
                let categories = transform.categories ?? []
                var index: [String: Int] = [:]
                for (i, category) in categories.enumerated() { index[category] = i }
                let texts = column.strings
                var unseenCount = 0
                for r in 0..<n {
                    if let text = texts[r], let k = index[text] {
                        values[r * d + offset + k] = 1
                    } else {
                        unseenCount += 1
                    }
                }
                if unseenCount > 0 { unseen[transform.column] = unseenCount }
                offset += categories.count
            }
        }
        return (try DesignMatrix(rows: n, columns: d, values: values, featureNames: names), unseen)
    }
}
