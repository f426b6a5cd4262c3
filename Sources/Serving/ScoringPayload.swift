import MLCore
import Workspace

/// The rows of one scoring request, column by column, as the MLflow scoring protocol sends them:
/// `{"input_data": {"columns": [...], "index": [...], "data": [[...]]}}`, `{"dataframe_split": {...}}`
/// or `{"dataframe_records": [{...}, ...]}`.
public struct ScoringPayload: Sendable {
    public var columns: [String]
    /// Row-major cells.
    public var rows: [[JSONValue]]

    /// Parses a request body; malformed JSON or an unknown shape is a 400 naming what was expected.
    public static func parse(_ text: String) throws(ScoringError) -> ScoringPayload {
        guard let root = JSONValue.parse(text) else {
            throw .badRequest("Invalid input. Ensure that input is a valid JSON formatted string.")
        }
        if let split = root["input_data"] ?? root["dataframe_split"], split.objectValue != nil {
            return try fromSplit(split)
        }
        if let records = (root["dataframe_records"] ?? root["input_data"])?.arrayValue {
            return try fromRecords(records)
        }
        throw .badRequest("Invalid input. The JSON input must be an object with one of the keys input_data (columns/index/data), dataframe_split or dataframe_records; got keys: \(root.objectValue?.keys.sorted().joined(separator: ", ") ?? "none (not an object)").")
    }

    private static func fromSplit(_ split: JSONValue) throws(ScoringError) -> ScoringPayload {
        guard let data = split["data"]?.arrayValue else { throw .badRequest("Invalid input: input_data needs a \"data\" list of rows.") }
        let rows = data.map { $0.arrayValue ?? [$0] }
        let columns: [String]
        if let names = split["columns"]?.arrayValue {
            columns = names.map { $0.stringValue ?? $0.scalarText ?? "" }
        } else {
            columns = (0..<(rows.first?.count ?? 0)).map(String.init)
        }
        for (index, row) in rows.enumerated() where row.count != columns.count {
            throw .badRequest("Invalid input: row \(index) has \(row.count) values but \(columns.count) columns were given (\(columns.joined(separator: ", "))).")
        }
        return ScoringPayload(columns: columns, rows: rows)
    }

    private static func fromRecords(_ records: [JSONValue]) throws(ScoringError) -> ScoringPayload {
        var columns: [String] = []
        var seen = Set<String>()
        for record in records {
            guard let object = record.objectValue else { throw .badRequest("Invalid input: dataframe_records must be a list of objects (column: value).") }
            for key in object.keys.sorted() where !seen.contains(key) { seen.insert(key); columns.append(key) }
        }
        let rows = records.map { record in columns.map { record[$0] ?? .null } }
        return ScoringPayload(columns: columns, rows: rows)
    }

    /// The payload as a table with the model's input columns; missing columns are a 400 naming them
    /// (as the MLflow server's schema enforcement does), cells of the wrong type name the column and row.
    public func table(for inputs: [ColumnSignature]) throws(ScoringError) -> Table {
        guard !rows.isEmpty else { throw .badRequest("Invalid input: the request has no rows.") }
        var position: [String: Int] = [:]
        for (index, name) in columns.enumerated() where position[name] == nil { position[name] = index }
        let missing = inputs.filter { position[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            throw .badRequest("Failed to enforce schema of data: Model is missing inputs [\(missing.map { "'\($0)'" }.joined(separator: ", "))]. Expected columns: [\(inputs.map { "'\($0.name)'" }.joined(separator: ", "))]; got: [\(columns.map { "'\($0)'" }.joined(separator: ", "))].")
        }
        var built: [Column] = []
        built.reserveCapacity(inputs.count)
        for input in inputs {
            let index = position[input.name] ?? 0
            switch input.kind {
            case .numeric:
                var numbers = [Double](repeating: .nan, count: rows.count)
                for r in rows.indices {
                    switch rows[r][index] {
                    case .int(let v): numbers[r] = Double(v)
                    case .double(let v): numbers[r] = v
                    case .bool(let v): numbers[r] = v ? 1 : 0
                    case .null: numbers[r] = .nan
                    case .string(let text):
                        guard let v = Double(text) else { throw .badRequest("Failed to enforce schema of data: column '\(input.name)' expects double values, row \(r) has \"\(text)\".") }
                        numbers[r] = v
                    default: throw .badRequest("Failed to enforce schema of data: column '\(input.name)' expects double values, row \(r) has a list or object.")
                    }
                }
                built.append(Column(name: input.name, numbers: numbers))
            case .boolean:
                built.append(Column(name: input.name, booleans: rows.map { row -> Bool? in
                    switch row[index] {
                    case .bool(let v): return v
                    case .int(let v): return v != 0
                    case .string(let text): return text.lowercased() == "true"
                    default: return nil
                    }
                }))
            case .categorical:
                built.append(Column(name: input.name, strings: rows.map { $0[index].scalarText }))
            }
        }
        do { return try Table(columns: built) } catch { throw .badRequest("Invalid input: \(error)") }
    }
}
