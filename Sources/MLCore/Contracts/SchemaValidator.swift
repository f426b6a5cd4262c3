/// One broken rule, aggregated over the rows that break it.
public struct Violation: Sendable, Codable, Equatable {
    /// The rule: `missing_column`, `type`, `null`, `below_minimum`, `above_maximum`, `unknown_category`, `duplicate_key`.
    public var rule: String
    public var column: String
    /// Rows breaking the rule.
    public var count: Int
    /// File line of the first offending row, when known.
    public var firstLine: Int?
    /// The first offending value, as text.
    public var example: String?
    /// One line a user can act on.
    public var message: String

    enum CodingKeys: String, CodingKey {
        case rule, column, count, example, message
        case firstLine = "first_line"
    }
}

/// Checks a table against a `DataSchema`.
public enum SchemaValidator {
    public static func validate(_ table: Table, against schema: DataSchema) -> [Violation] {
        var violations: [Violation] = []
        let path = table.source?.path
        func place(_ row: Int?) -> String {
            guard let row else { return path ?? "data" }
            if let line = table.line(ofRow: row) { return "\(path ?? "line"):\(line)" }
            return "row \(row + 1)"
        }
        for expected in schema.columns {
            guard let column = table.column(named: expected.name) else {
                violations.append(Violation(rule: "missing_column", column: expected.name, count: table.rowCount, firstLine: nil, example: nil,
                                            message: "\(path ?? "data"): required column '\(expected.name)' is missing"))
                continue
            }
            if column.kind != expected.kind {
                // A numeric column read as text: find the values that are not numbers.
                var bad = 0
                var firstRow: Int?
                var example: String?
                if expected.kind == .numeric, case .categorical = column.values {
                    for (row, text) in column.strings.enumerated() {
                        guard let text, FastFloatParser.parse(text) == nil else { continue }
                        bad += 1
                        if firstRow == nil { firstRow = row; example = text }
                    }
                } else {
                    bad = column.count - column.missingCount
                    firstRow = (0..<column.count).first { !column.isMissing($0) }
                    example = firstRow.flatMap { column.text(at: $0) }
                }
                violations.append(Violation(rule: "type", column: expected.name, count: bad, firstLine: firstRow.flatMap(table.line(ofRow:)),
                                            example: example,
                                            message: "\(place(firstRow)): column '\(expected.name)' should be \(expected.kind.rawValue) but is \(column.kind.rawValue)\(example.map { " ('\($0)')" } ?? "")"))
                continue
            }
            if !expected.nullable {
                let missing = (0..<column.count).filter { column.isMissing($0) }
                if let first = missing.first {
                    violations.append(Violation(rule: "null", column: expected.name, count: missing.count, firstLine: table.line(ofRow: first),
                                                example: nil, message: "\(place(first)): column '\(expected.name)' must not be empty (\(missing.count) missing)"))
                }
            }
            if let numbers = column.numbers, column.kind == .numeric {
                if let minimum = expected.minimum {
                    let rows = numbers.indices.filter { !numbers[$0].isNaN && numbers[$0] < minimum }
                    if let first = rows.first {
                        violations.append(Violation(rule: "below_minimum", column: expected.name, count: rows.count, firstLine: table.line(ofRow: first),
                                                    example: Column.format(numbers[first]),
                                                    message: "\(place(first)): column '\(expected.name)' value \(Column.format(numbers[first])) is below the minimum \(Column.format(minimum)) (\(rows.count) rows)"))
                    }
                }
                if let maximum = expected.maximum {
                    let rows = numbers.indices.filter { !numbers[$0].isNaN && numbers[$0] > maximum }
                    if let first = rows.first {
                        violations.append(Violation(rule: "above_maximum", column: expected.name, count: rows.count, firstLine: table.line(ofRow: first),
                                                    example: Column.format(numbers[first]),
                                                    message: "\(place(first)): column '\(expected.name)' value \(Column.format(numbers[first])) is above the maximum \(Column.format(maximum)) (\(rows.count) rows)"))
                    }
                }
            }
            if let allowed = expected.allowedValues, column.kind == .categorical {
                let allowedSet = Set(allowed)
                let texts = column.strings
                let rows = texts.indices.filter { texts[$0].map { !allowedSet.contains($0) } ?? false }
                if let first = rows.first {
                    let value = texts[first] ?? ""
                    violations.append(Violation(rule: "unknown_category", column: expected.name, count: rows.count, firstLine: table.line(ofRow: first),
                                                example: value,
                                                message: "\(place(first)): column '\(expected.name)' has category '\(value)' outside the allowed values (\(rows.count) rows)"))
                }
            }
        }
        if let key = schema.key, !key.isEmpty, key.allSatisfy({ table.column(named: $0) != nil }) {
            let columns = key.compactMap { table.column(named: $0)?.strings }
            var seen: [[String?]: Int] = [:]
            var duplicates = 0
            var firstDuplicate: Int?
            for row in 0..<table.rowCount {
                let value = columns.map { $0[row] }
                if seen[value] != nil {
                    duplicates += 1
                    if firstDuplicate == nil { firstDuplicate = row }
                } else {
                    seen[value] = row
                }
            }
            if let first = firstDuplicate {
                let example = columns.map { $0[first] ?? "" }.joined(separator: ",")
                violations.append(Violation(rule: "duplicate_key", column: key.joined(separator: ","), count: duplicates,
                                            firstLine: table.line(ofRow: first), example: example,
                                            message: "\(place(first)): key (\(key.joined(separator: ", "))) value '\(example)' repeats an earlier row (\(duplicates) duplicates)"))
            }
        }
        return violations
    }
}
