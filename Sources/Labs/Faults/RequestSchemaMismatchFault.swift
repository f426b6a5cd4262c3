import Foundation
import Workspace

/// An upstream schema change reaches the scoring requests: a column is renamed and/or its unit
/// changes, so the payload no longer matches the model's signature (a 400 naming the missing
/// columns) or, worse, still matches it and is scored on values the model never saw.
struct RequestSchemaMismatchFault: FaultKind {
    let name = "request-schema-mismatch"
    let summary = "Renames columns and/or rescales a column's values in a scoring CSV or an MLflow request JSON, as an upstream schema change would: renamed columns make the endpoint answer 400 (missing inputs), a rescaled one is silently scored on values the model never saw."
    let parameters = [
        FaultParameter("file", "a CSV with a header line, or a request JSON (input_data, dataframe_split or dataframe_records), in the working folder"),
        FaultParameter("rename", required: false, "mapping of column names to their new names"),
        FaultParameter("scale", required: false, "mapping of numeric columns to the factor their values are multiplied by (0.001: dollars become thousands)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let rename = arguments.values["rename"] == nil ? [] : try arguments.textMapping("rename")
        let scale = arguments.values["scale"] == nil ? [] : try arguments.numberMapping("scale")
        guard !rename.isEmpty || !scale.isEmpty else { throw LabError.failed("fault \(name) needs `rename` or `scale`") }
        let text = try sandbox.read(file)
        let changed: String
        if file.lowercased().hasSuffix(".json") {
            guard let document = JSONValue.parse(text) else { throw LabError.failed("\(file) is not valid JSON") }
            changed = try Self.changeRequest(document, rename: rename, scale: scale, file: file).prettyPrinted() + "\n"
        } else {
            changed = try Self.changeCSV(text, rename: rename, scale: scale, file: file)
        }
        try sandbox.write(file, changed)
    }

    // MARK: CSV

    static func changeCSV(_ text: String, rename: [(key: String, value: String)], scale: [(key: String, value: Double)], file: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        guard let headerLine = lines.first, !headerLine.isEmpty else { throw LabError.failed("\(file) has no header line") }
        var header = try fields(headerLine, file: file, line: 1)
        for (column, factor) in scale {
            guard let index = header.firstIndex(of: column) else { throw LabError.failed("\(file) has no column \(column)") }
            for number in 1..<lines.count where !lines[number].isEmpty {
                var row = try fields(lines[number], file: file, line: number + 1)
                guard index < row.count else { throw LabError.failed("\(file):\(number + 1): fewer fields than the header") }
                guard let value = Double(row[index]) else { throw LabError.failed("\(file):\(number + 1): \(column) is not a number") }
                row[index] = format(product(value, factor))
                lines[number] = row.map(quoted).joined(separator: ",")
            }
        }
        for (old, new) in rename {
            guard let index = header.firstIndex(of: old) else { throw LabError.failed("\(file) has no column \(old)") }
            header[index] = new
        }
        lines[0] = header.map(quoted).joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    /// The fields of one CSV record on one line (RFC 4180 quoting).
    static func fields(_ line: String, file: String, line number: Int) throws -> [String] {
        var result: [String] = []
        var field = ""
        var inQuotes = false
        var characters = Array(line.hasSuffix("\r") ? String(line.dropLast()) : line)[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { inQuotes = false }
                } else { field.append(character) }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                result.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        guard !inQuotes else { throw LabError.failed("\(file):\(number): a quoted field does not end on its line") }
        result.append(field)
        return result
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// `value × factor` rounded to 12 significant digits, so 2174 × 0.001 is 2.174, not 2.1740000000000004.
    static func product(_ value: Double, _ factor: Double) -> Double {
        let exact = value * factor
        return Double(String(format: "%.12g", exact)) ?? exact
    }

    /// Integral values without a fraction, others in shortest round-trip form.
    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    // MARK: Request JSON

    static func changeRequest(_ document: JSONValue, rename: [(key: String, value: String)], scale: [(key: String, value: Double)], file: String) throws -> JSONValue {
        for key in ["input_data", "dataframe_split"] {
            guard let split = document[key] else { continue }
            return document.setting(key, try changeSplit(split, rename: rename, scale: scale, file: file))
        }
        if let records = document["dataframe_records"]?.arrayValue {
            let changed = try records.map { record -> JSONValue in
                guard var fields = record.objectValue else { throw LabError.failed("\(file): every record must be an object") }
                for (column, factor) in scale {
                    guard let value = fields[column] else { throw LabError.failed("\(file): a record has no column \(column)") }
                    fields[column] = try scaled(value, by: factor, column: column, file: file)
                }
                for (old, new) in rename {
                    guard let value = fields.removeValue(forKey: old) else { throw LabError.failed("\(file): a record has no column \(old)") }
                    fields[new] = value
                }
                return .object(fields)
            }
            return document.setting("dataframe_records", .array(changed))
        }
        throw LabError.failed("\(file) holds no input_data, dataframe_split or dataframe_records")
    }

    static func changeSplit(_ split: JSONValue, rename: [(key: String, value: String)], scale: [(key: String, value: Double)], file: String) throws -> JSONValue {
        guard var columns = split["columns"]?.arrayValue?.compactMap(\.stringValue), let rows = split["data"]?.arrayValue else {
            throw LabError.failed("\(file): the payload needs `columns` and `data`")
        }
        var data = rows
        for (column, factor) in scale {
            guard let index = columns.firstIndex(of: column) else { throw LabError.failed("\(file) has no column \(column)") }
            data = try data.map { row in
                guard var cells = row.arrayValue, index < cells.count else { throw LabError.failed("\(file): a row has fewer cells than columns") }
                cells[index] = try scaled(cells[index], by: factor, column: column, file: file)
                return .array(cells)
            }
        }
        for (old, new) in rename {
            guard let index = columns.firstIndex(of: old) else { throw LabError.failed("\(file) has no column \(old)") }
            columns[index] = new
        }
        return split.setting("columns", .array(columns.map { .string($0) })).setting("data", .array(data))
    }

    static func scaled(_ value: JSONValue, by factor: Double, column: String, file: String) throws -> JSONValue {
        if value == .null { return .null }
        guard let number = value.doubleValue else { throw LabError.failed("\(file): \(column) holds a value that is not a number") }
        let result = product(number, factor)
        if result.rounded() == result, abs(result) < 1e15 { return .int(Int64(result)) }
        return .double(result)
    }
}
