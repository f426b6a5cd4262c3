/// How to turn table columns into model features; fitted on training data only.
public struct PreprocessingOptions: Sendable, Codable, Equatable {
    /// How numeric missing values are filled.
    public enum Imputation: String, Sendable, Codable, CaseIterable {
        /// Missing values are an error naming the column and line.
        case none
        /// Fill with the training mean.
        case mean
        /// Fill with the training median.
        case median
    }

    /// Numeric imputation (default: none, so missing values are reported).
    public var impute: Imputation
    /// Standardise numeric features: subtract the training mean, divide by the population standard
    /// deviation (a constant column is divided by 1). Off by default.
    public var standardize: Bool

    public init(impute: Imputation = .none, standardize: Bool = false) {
        self.impute = impute
        self.standardize = standardize
    }
}

/// Fits the per-column transformations of `PreprocessingOptions` on a training table.
///
/// Numeric and boolean columns become one feature each (booleans as 0/1); categorical columns are
/// one-hot encoded with their training categories sorted by byte order (as scikit-learn sorts them).
/// Feature order: numeric/boolean features in table order, then the one-hot blocks in table order.
///
/// A text column whose non-missing values are at least half numbers (`numericShareForNumericColumn`) is taken
/// to be a numeric column with bad values: an error names the column and the file line of the first
/// non-number, unless the column is declared categorical (`categorical`, `ml train --categorical`).
public struct Preprocessor: Sendable {
    public var options: PreprocessingOptions
    /// Columns one-hot encoded as text whatever their values look like.
    public var categorical: Set<String> = []
    /// Without imputation, pass missing numbers to the model as NaN (gradient boosting's missing bin) instead
    /// of failing. Infinity is an error either way.
    public var keepMissing = false

    /// The share of numbers among a text column's non-missing values from which it is read as a numeric
    /// column with bad values rather than as categories.
    public static let numericShareForNumericColumn = 0.5

    public init(options: PreprocessingOptions = PreprocessingOptions()) {
        self.options = options
    }

    /// Fits on `features` of `table`; errors name the column and the file line of a bad value.
    public func fit(_ table: Table, features: [String]) throws -> FittedPreprocessor {
        guard table.rowCount > 0 else { throw TableError.emptyTable(path: table.source?.path) }
        var numeric: [FeatureTransform] = []
        var categorical: [FeatureTransform] = []
        for name in features {
            let column = try table.requireColumn(name)
            if self.categorical.contains(name) {
                let used = Set(column.strings.compactMap { $0 })
                let categories = used.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                categorical.append(FeatureTransform(column: name, kind: .categorical, categories: categories))
                continue
            }
            switch column.values {
            case .categorical(let values):
                let (numbers, total) = Self.numericCount(values)
                if let hint = table.firstNonNumeric(in: column), total > 0,
                   Double(numbers) >= Self.numericShareForNumericColumn * Double(total) {
                    throw TableError.mostlyNumeric(column: name, example: hint, numbers: numbers, values: total, path: table.source?.path)
                }
                let used = Set(values.codes.filter { $0 >= 0 }.map { values.levels[Int($0)] })
                let categories = used.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                categorical.append(FeatureTransform(column: name, kind: .categorical, categories: categories))
            case .numeric, .boolean:
                let numbers = column.numbers ?? []
                let keepsMissing = keepMissing && options.impute == .none
                try Self.checkFinite(numbers, column: name, table: table, allowMissing: options.impute != .none || keepsMissing)
                let present = numbers.filter { !$0.isNaN }
                guard !present.isEmpty else {
                    throw ModelError.emptyData("feature '\(name)' has no values in the training data; drop it or fill it")
                }
                var transform = FeatureTransform(column: name, kind: column.kind == .boolean ? .boolean : .numeric)
                if options.impute != .none {
                    transform.fill = options.impute == .mean ? Statistics.mean(present) : Statistics.median(present)
                }
                if keepsMissing { transform.keepsMissing = true }
                if options.standardize {
                    // Kept-missing values stay NaN, so the statistics come from the present values only.
                    let filled = transform.keepsMissing == true ? present : numbers.map { $0.isNaN ? (transform.fill ?? 0) : $0 }
                    let mean = Statistics.mean(filled)
                    let std = Statistics.populationStandardDeviation(filled, mean: mean)
                    transform.center = mean
                    transform.scale = std > 0 ? std : 1
                }
                numeric.append(transform)
            }
        }
        return FittedPreprocessor(transforms: numeric + categorical)
    }

    /// How many non-missing values parse as numbers, and how many non-missing values there are.
    static func numericCount(_ values: CategoricalValues) -> (numbers: Int, total: Int) {
        var numericCount = 0, total = 0
        let levelIsNumber = values.levels.map { FastFloatParser.parse($0) != nil }
        for code in values.codes where code >= 0 {
            total += 1
            if levelIsNumber[safe: Int(code)] == true { numericCount += 1 }
        }
        return (numericCount, total)
    }

    static func checkFinite(_ numbers: [Double], column: String, table: Table, allowMissing: Bool) throws {
        for (row, value) in numbers.enumerated() where !value.isFinite {
            if value.isNaN, allowMissing { continue }
            if value.isNaN {
                throw ModelError.missingFeature(column: column, row: row, line: table.line(ofRow: row), path: table.source?.path)
            }
            throw ModelError.nonFiniteFeature(column: column, row: row, line: table.line(ofRow: row), path: table.source?.path)
        }
    }
}
