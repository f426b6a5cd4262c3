/// The expected shape of one column.
public struct ColumnSchema: Sendable, Codable, Equatable {
    public var name: String
    public var kind: ColumnKind
    /// Whether missing values are allowed.
    public var nullable: Bool
    /// Numeric bounds (inclusive), if any.
    public var minimum: Double?
    public var maximum: Double?
    /// Allowed categories, if the set is closed.
    public var allowedValues: [String]?

    public init(name: String, kind: ColumnKind, nullable: Bool = true, minimum: Double? = nil, maximum: Double? = nil, allowedValues: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
    }
}

/// A data contract: required columns with kinds, nullability, ranges and categories, and an optional key.
public struct DataSchema: Sendable, Codable, Equatable {
    public var columns: [ColumnSchema]
    /// Columns whose combined values must be unique per row.
    public var key: [String]?

    public init(columns: [ColumnSchema], key: [String]? = nil) {
        self.columns = columns
        self.key = key
    }

    /// Infers a schema from a table: each column's kind, nullable only if values are missing, the observed
    /// numeric range, and the sorted categories when there are at most `maxCategories` of them.
    public static func infer(from table: Table, key: [String]? = nil, maxCategories: Int = 50) -> DataSchema {
        let columns = table.columns.map { column -> ColumnSchema in
            var schema = ColumnSchema(name: column.name, kind: column.kind, nullable: column.missingCount > 0)
            switch column.values {
            case .numeric(let v):
                let present = v.filter { !$0.isNaN }
                schema.minimum = present.min()
                schema.maximum = present.max()
            case .categorical(let c):
                let used = Set(c.codes.filter { $0 >= 0 }.map { c.levels[Int($0)] })
                if used.count <= maxCategories {
                    schema.allowedValues = used.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                }
            case .boolean:
                break
            }
            return schema
        }
        return DataSchema(columns: columns, key: key)
    }
}
