import CLICore
import MLCore
import MLMetrics

/// Reads the columns a metrics command needs and turns them into plain arrays for MLMetrics.
struct LabelColumns {
    let table: Table
    let path: String

    init(path: String, naValues: String? = nil) throws {
        let table = try CommandSupport.readTable(path, naValues: CommandSupport.list(naValues) ?? [])
        guard table.rowCount > 0 else { throw MetricsInputError.noRows(path: path) }
        self.table = table
        self.path = path
    }

    /// `path:line` (or `path: row N`) of a row.
    func location(_ row: Int) -> String {
        if let line = table.line(ofRow: row) { return "\(path):\(line)" }
        return "\(path): row \(row + 1)"
    }

    /// Text of every row of a column; a missing value is an error naming the line.
    func labels(_ name: String) throws -> [String] {
        let column = try table.requireColumn(name)
        var out: [String] = []
        out.reserveCapacity(column.count)
        for i in 0..<column.count {
            guard let text = column.text(at: i) else { throw MetricsInputError.missingValue(column: name, location: location(i)) }
            out.append(text)
        }
        return out
    }

    /// Finite numbers of every row of a column; missing, non-numeric or non-finite values are errors naming
    /// the line. `expected` says what the column holds, for the message (e.g. "a score or probability").
    func numbers(_ name: String, expected: String) throws -> [Double] {
        let column = try table.requireColumn(name)
        guard let values = column.numbers else {
            let texts = column.strings
            let row = texts.firstIndex { text in text.map { FastFloatParser.parse($0) == nil } ?? false } ?? 0
            throw MetricsInputError.notNumeric(column: name, location: location(row), text: row < texts.count ? texts[row] ?? "" : "",
                                               expected: expected)
        }
        for (i, v) in values.enumerated() {
            if v.isNaN { throw MetricsInputError.missingValue(column: name, location: location(i)) }
            if !v.isFinite { throw MetricsInputError.nonFinite(column: name, location: location(i)) }
        }
        return values
    }

    /// Probabilities in [0, 1] of every row of a column; anything else is an error naming the line.
    func probabilities(_ name: String, command: String) throws -> [Double] {
        let values = try numbers(name, expected: "a probability of the positive class")
        if let row = values.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw MetricsInputError.notProbability(column: name, location: location(row), value: values[row], command: command)
        }
        return values
    }

    /// Group values of a column; a missing value becomes the group "(missing)".
    func groups(_ name: String) throws -> [String] {
        try table.requireColumn(name).strings.map { $0 ?? "(missing)" }
    }
}
