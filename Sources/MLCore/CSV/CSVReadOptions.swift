/// How to read a CSV file.
public struct CSVReadOptions: Sendable, Equatable {
    /// The field delimiter byte (default `,`).
    public var delimiter: UInt8
    /// Column kinds that override inference, by column name.
    public var columnKinds: [String: ColumnKind]
    /// Field texts read as missing values (pandas' defaults, plus any added).
    public var missingValues: Set<String>
    /// Split the parsing across cores when the file is large enough.
    public var parallel: Bool

    /// pandas' default missing-value markers (`read_csv` `na_values`), plus the empty field.
    public static let defaultMissingValues: Set<String> = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    public init(delimiter: UInt8 = 44, columnKinds: [String: ColumnKind] = [:],
                missingValues: Set<String> = CSVReadOptions.defaultMissingValues, parallel: Bool = true) {
        self.delimiter = delimiter
        self.columnKinds = columnKinds
        self.missingValues = missingValues
        self.parallel = parallel
    }
}
