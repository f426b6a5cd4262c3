/// Where a table came from, so errors can point at a file and line.
public struct TableSource: Sendable, Equatable {
    /// The file path as given by the user.
    public var path: String
    /// For each row, the 1-based line of the file where the row starts (the header is line 1).
    public var rowLines: [Int]

    public init(path: String, rowLines: [Int]) {
        self.path = path
        self.rowLines = rowLines
    }
}

/// A columnar table: named, typed columns of equal length.
public struct Table: Sendable, Equatable {
    /// The columns, in file order.
    public private(set) var columns: [Column]
    /// The file and lines the rows came from, when the table was read from a file.
    public var source: TableSource?
    private var indexByName: [String: Int]

    /// Builds a table; throws when names repeat or lengths differ.
    public init(columns: [Column], source: TableSource? = nil) throws {
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            if index[column.name] != nil { throw TableError.duplicateColumn(column.name) }
            index[column.name] = i
        }
        if let first = columns.first {
            for column in columns where column.count != first.count {
                throw TableError.lengthMismatch(column: column.name, expected: first.count, found: column.count)
            }
        }
        self.columns = columns
        self.source = source
        self.indexByName = index
    }

    /// An empty table with no columns and no rows.
    public static let empty: Table = {
        if let table = try? Table(columns: []) { return table }
        return Table(uncheckedColumns: [], source: nil)
    }()

    private init(uncheckedColumns: [Column], source: TableSource?) {
        self.columns = uncheckedColumns
        self.source = source
        var index: [String: Int] = [:]
        for (i, column) in uncheckedColumns.enumerated() { index[column.name] = i }
        self.indexByName = index
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }
    /// Number of columns.
    public var columnCount: Int { columns.count }
    /// Column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name, if any.
    public func column(named name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The column with this name, or an error naming the available columns.
    public func requireColumn(_ name: String) throws -> Column {
        guard let column = column(named: name) else {
            throw TableError.missingColumn(name, available: columnNames, path: source?.path)
        }
        return column
    }

    /// Numeric values of a column (booleans as 0/1), or an error when it is missing or not numeric.
    public func requireNumbers(_ name: String) throws -> [Double] {
        let column = try requireColumn(name)
        guard let numbers = column.numbers else {
            throw TableError.notNumeric(column: name, example: firstNonNumeric(in: column), path: source?.path)
        }
        return numbers
    }

    /// The 1-based file line of row `row`, when known.
    public func line(ofRow row: Int) -> Int? {
        guard let lines = source?.rowLines, row >= 0, row < lines.count else { return nil }
        return lines[row]
    }

    /// Adds a column at the end (or replaces one with the same name).
    public mutating func setColumn(_ column: Column) throws {
        if !columns.isEmpty, column.count != rowCount {
            throw TableError.lengthMismatch(column: column.name, expected: rowCount, found: column.count)
        }
        if let i = indexByName[column.name] {
            columns[i] = column
        } else {
            indexByName[column.name] = columns.count
            columns.append(column)
        }
    }

    /// A table with only the given columns, in the given order.
    public func selecting(columns names: [String]) throws -> Table {
        let selected = try names.map { try requireColumn($0) }
        return try Table(columns: selected, source: source)
    }

    /// A table without the named columns (names not present are ignored).
    public func dropping(columns names: Set<String>) -> Table {
        Table(uncheckedColumns: columns.filter { !names.contains($0.name) }, source: source)
    }

    /// A table restricted to the given rows, in that order; out-of-range indices are an error.
    public func selecting(rows: [Int]) throws -> Table {
        let n = rowCount
        if let bad = rows.first(where: { $0 < 0 || $0 >= n }) { throw TableError.rowOutOfRange(bad, rowCount: n) }
        let newSource = source.map { src in
            TableSource(path: src.path, rowLines: rows.map { $0 < src.rowLines.count ? src.rowLines[$0] : 0 })
        }
        return Table(uncheckedColumns: columns.map { $0.selecting(rows: rows) }, source: newSource)
    }

    /// Rows of `self` followed by rows of `other`; both must have the same column names and kinds.
    public func appending(_ other: Table) throws -> Table {
        guard columnNames == other.columnNames else {
            throw TableError.schemaMismatch("tables have different columns: \(columnNames) vs \(other.columnNames)")
        }
        var merged: [Column] = []
        for (a, b) in zip(columns, other.columns) {
            switch (a.values, b.values) {
            case (.numeric(let x), .numeric(let y)): merged.append(Column(name: a.name, numbers: x + y))
            case (.boolean(let x), .boolean(let y)): merged.append(Column(name: a.name, booleans: x + y))
            default: merged.append(Column(name: a.name, strings: a.strings + b.strings))
            }
        }
        return Table(uncheckedColumns: merged, source: nil)
    }

    /// The first value of a categorical column that is not a number, with its row, for error messages.
    func firstNonNumeric(in column: Column) -> (row: Int, line: Int?, text: String)? {
        guard case .categorical(let c) = column.values else { return nil }
        for (row, code) in c.codes.enumerated() where code >= 0 {
            let text = c.levels[Int(code)]
            if FastFloatParser.parse(Array(text.utf8)[...]) == nil {
                return (row, line(ofRow: row), text)
            }
        }
        return nil
    }
}
