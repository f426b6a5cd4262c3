/// How the label column maps to class indices (classification) or numbers (regression).
public struct LabelEncoding: Sendable, Codable, Equatable {
    /// The label column's name.
    public var column: String
    /// The label column's kind in the training data.
    public var kind: ColumnKind
    /// Class labels as text, sorted as scikit-learn sorts them (numbers numerically, text by bytes,
    /// false before true); empty for regression. For two classes the second is the positive class.
    public var classes: [String]

    /// The positive class of a binary classifier.
    public var positiveClass: String? { classes.count == 2 ? classes[1] : nil }

    /// Class encoding fitted on a label column; missing labels are an error naming the line, and so are
    /// non-integer numbers (continuous values are not classes, as scikit-learn's `type_of_target` decides).
    public static func classes(of table: Table, label: String) throws -> (LabelEncoding, [Int32]) {
        let column = try table.requireColumn(label)
        try checkNoMissing(column, table: table)
        let texts = column.strings.map { $0 ?? "" }
        var distinct = Array(Set(texts))
        switch column.values {
        case .numeric(let v):
            if let row = v.firstIndex(where: { $0 != $0.rounded() }) {
                throw ModelError.continuousLabel(column: label, value: texts[row], row: row, line: table.line(ofRow: row),
                                                 path: table.source?.path, distinct: distinct.count)
            }
            var byText: [String: Double] = [:]
            for (i, t) in texts.enumerated() { byText[t] = v[i] }
            distinct.sort { (byText[$0] ?? 0) < (byText[$1] ?? 0) }
        case .boolean:
            distinct.sort { $0 == "false" && $1 == "true" }
        case .categorical:
            distinct.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        guard distinct.count >= 2 else {
            if distinct.isEmpty { throw TableError.emptyTable(path: table.source?.path) }
            throw ModelError.singleClass(label: label, value: distinct[0])
        }
        var index: [String: Int32] = [:]
        for (i, c) in distinct.enumerated() { index[c] = Int32(i) }
        let codes = texts.map { index[$0] ?? 0 }
        return (LabelEncoding(column: label, kind: column.kind, classes: distinct), codes)
    }

    /// Numeric regression targets; missing or non-finite values are an error naming the line.
    public static func numericTarget(of table: Table, label: String) throws -> (LabelEncoding, [Double]) {
        let column = try table.requireColumn(label)
        guard let numbers = column.numbers else {
            throw TableError.notNumeric(column: label, example: table.firstNonNumeric(in: column), path: table.source?.path)
        }
        for (row, v) in numbers.enumerated() where !v.isFinite {
            throw ModelError.invalidTarget(column: label, row: row, line: table.line(ofRow: row), path: table.source?.path,
                                           reason: v.isNaN ? "is missing" : "is infinite")
        }
        guard !numbers.isEmpty else { throw TableError.emptyTable(path: table.source?.path) }
        return (LabelEncoding(column: label, kind: column.kind, classes: []), numbers)
    }

    private static func checkNoMissing(_ column: Column, table: Table) throws {
        for row in 0..<column.count where column.isMissing(row) {
            throw ModelError.invalidTarget(column: column.name, row: row, line: table.line(ofRow: row), path: table.source?.path,
                                           reason: "is missing")
        }
        if let numbers = column.numbers, let row = numbers.firstIndex(where: { $0.isInfinite }) {
            throw ModelError.invalidTarget(column: column.name, row: row, line: table.line(ofRow: row), path: table.source?.path,
                                           reason: "is infinite")
        }
    }

    /// A column holding predicted class labels, in the label column's kind.
    public func predictionColumn(name: String, classIndices: [Int]) -> Column {
        let labels = classIndices.map { $0 >= 0 && $0 < classes.count ? classes[$0] : nil }
        switch kind {
        case .numeric: return Column(name: name, numbers: labels.map { $0.flatMap { FastFloatParser.parse($0) } ?? .nan })
        case .boolean: return Column(name: name, booleans: labels.map { $0.map { $0 == "true" } })
        case .categorical: return Column(name: name, strings: labels)
        }
    }
}
