/// Problems with the shape or content of a table.
public enum TableError: Error, Equatable, CustomStringConvertible {
    /// Two columns share a name.
    case duplicateColumn(String)
    /// A column's length differs from the others.
    case lengthMismatch(column: String, expected: Int, found: Int)
    /// A required column is absent.
    case missingColumn(String, available: [String], path: String?)
    /// A column that must be numeric holds text; `example` is the first offending value.
    case notNumeric(column: String, example: (row: Int, line: Int?, text: String)?, path: String?)
    /// A text column whose values are mostly numbers: read as a numeric column with a bad value.
    case mostlyNumeric(column: String, example: (row: Int, line: Int?, text: String), numbers: Int, values: Int, path: String?)
    /// A row index outside the table.
    case rowOutOfRange(Int, rowCount: Int)
    /// Two tables that should match do not.
    case schemaMismatch(String)
    /// The table has no rows.
    case emptyTable(path: String?)

    /// One line a user can act on.
    public var message: String {
        switch self {
        case .duplicateColumn(let name):
            return "column '\(name)' appears more than once; rename one of them"
        case .lengthMismatch(let column, let expected, let found):
            return "column '\(column)' has \(found) values but the table has \(expected) rows"
        case .missingColumn(let name, let available, let path):
            let file = path.map { " in \($0)" } ?? ""
            return "column '\(name)' not found\(file); available columns: \(available.joined(separator: ", "))"
        case .notNumeric(let column, let example, let path):
            var text = "column '\(column)' must be numeric"
            if let example {
                let place: String
                switch (path, example.line) {
                case let (path?, line?): place = "\(path):\(line)"
                case let (nil, line?): place = "line \(line)"
                default: place = "row \(example.row + 1)"
                }
                text = "\(place): " + text + " but holds '\(example.text)'"
            }
            return text + "; fix or remove the non-numeric values"
        case .mostlyNumeric(let column, let example, let numbers, let values, let path):
            let percent = Int((100 * Double(numbers) / Double(max(values, 1))).rounded(.down))
            return "\(Self.place(path, example.line, example.row)): column '\(column)' holds '\(example.text)', but \(numbers) of its \(values) values (\(percent) %) are numbers, so it is a numeric column with a bad value; fix or remove the value (or mark it missing with --na-values), or pass --categorical \(column) to encode the column as categories"
        case .rowOutOfRange(let row, let count):
            return "row \(row) is outside the table (\(count) rows)"
        case .schemaMismatch(let text):
            return text
        case .emptyTable(let path):
            return "the table\(path.map { " in \($0)" } ?? "") has no rows; provide data with at least one row"
        }
    }

    public var description: String { message }

    private static func place(_ path: String?, _ line: Int?, _ row: Int) -> String {
        switch (path, line) {
        case let (path?, line?): return "\(path):\(line)"
        case let (nil, line?): return "line \(line)"
        default: return "row \(row + 1)"
        }
    }

    public static func == (lhs: TableError, rhs: TableError) -> Bool { lhs.message == rhs.message }
}
