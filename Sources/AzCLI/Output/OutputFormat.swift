import Workspace

/// az's `--output/-o` formats.
public enum OutputFormat: String, Sendable, CaseIterable {
    case json, jsonc, table, tsv, yaml, yamlc, none

    /// Renders a result (after `--query`). `columns` is the command's table view, used when no
    /// query reshaped the result.
    public func render(_ value: JSONValue, columns: TableView?) -> String {
        switch self {
        case .json, .jsonc: return value.prettyPrinted() + "\n"
        case .yaml, .yamlc: return YAMLRenderer.render(value)
        case .tsv: return TSVRenderer.render(value)
        case .table: return TableRenderer.render(value, view: columns)
        case .none: return ""
        }
    }
}

/// A command's `-o table` columns: header and how to read each cell from one item.
public struct TableView: Sendable {
    public var columns: [(header: String, cell: @Sendable (JSONValue) -> String)]

    public init(_ columns: [(String, @Sendable (JSONValue) -> String)]) {
        self.columns = columns.map { (header: $0.0, cell: $0.1) }
    }

    /// A column that prints one field.
    public static func field(_ key: String) -> @Sendable (JSONValue) -> String {
        { item in item[key].map(TableRenderer.cellText) ?? "" }
    }
}

/// knack's tsv output: one line per list item, values tab-separated in key order; nested
/// lists print their length and nested objects an empty cell.
enum TSVRenderer {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        if case .array(let items) = value {
            for item in items { out += row(item) + "\n" }
        } else {
            if value == .null { return "" }
            out += row(value) + "\n"
        }
        return out
    }

    private static func row(_ value: JSONValue) -> String {
        switch value {
        case .object(let fields): return fields.keys.sorted().map { cell(fields[$0] ?? .null) }.joined(separator: "\t")
        case .array(let items): return items.map(cell).joined(separator: "\t")
        case .null: return ""
        default: return cell(value)
        }
    }

    private static func cell(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return String(items.count)
        case .object: return ""
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.formatDouble(d)
        }
    }
}

/// knack's table output: scalar fields of each item (id, type and etag skipped) under
/// capitalised headers, a dashed rule, columns separated by two spaces.
public enum TableRenderer {
    static let skippedKeys: Set<String> = ["id", "type", "etag"]

    static func render(_ value: JSONValue, view: TableView?) -> String {
        let items: [JSONValue]
        switch value {
        case .array(let list): items = list
        case .null: return ""
        default: items = [value]
        }
        var headers: [String] = []
        var rows: [[String]] = []
        if let view {
            headers = view.columns.map(\.header)
            rows = items.map { item in view.columns.map { $0.cell(item) } }
        } else {
            for item in items {
                guard case .object(let fields) = item else {
                    if headers.isEmpty { headers = ["Result"] }
                    rows.append([cellText(item)])
                    continue
                }
                let keys = fields.keys.sorted().filter { key in
                    guard !skippedKeys.contains(key), let v = fields[key] else { return false }
                    switch v {
                    case .null, .array, .object: return false
                    default: return true
                    }
                }
                let itemHeaders = keys.map(capitalized)
                if headers.isEmpty { headers = itemHeaders }
                rows.append(headers.map { header in
                    guard let key = keys.first(where: { capitalized($0) == header }) else { return "" }
                    return fields[key].map(cellText) ?? ""
                })
            }
        }
        guard !headers.isEmpty else { return "" }
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    static func capitalized(_ key: String) -> String {
        guard let first = key.first else { return key }
        return first.uppercased() + key.dropFirst()
    }

    /// A scalar as a table cell (booleans as True/False, as Python prints them).
    public static func cellText(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.formatDouble(d)
        case .bool(let b): return b ? "True" : "False"
        case .null: return ""
        case .array, .object: return value.compact()
        }
    }
}

/// Block YAML as `-o yaml` prints it (sorted keys, quoted strings only where needed).
enum YAMLRenderer {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        emit(value, indent: 0, into: &out, inList: false)
        if !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    private static func emit(_ value: JSONValue, indent: Int, into out: inout String, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let fields) where !fields.isEmpty:
            for (i, key) in fields.keys.sorted().enumerated() {
                guard let item = fields[key] else { continue }
                let prefix = (inList && i == 0) ? "" : pad
                out += prefix + scalarKey(key) + ":"
                switch item {
                case .object(let o) where !o.isEmpty:
                    out += "\n"; emit(item, indent: indent + 2, into: &out, inList: false)
                case .array(let a) where !a.isEmpty:
                    out += "\n"; emit(item, indent: indent, into: &out, inList: false)
                default:
                    out += " " + scalar(item) + "\n"
                }
            }
        case .array(let items) where !items.isEmpty:
            for item in items {
                out += pad + "- "
                switch item {
                case .object(let o) where !o.isEmpty: emit(item, indent: indent + 2, into: &out, inList: true)
                case .array(let a) where !a.isEmpty:
                    out += "\n"; emit(item, indent: indent + 2, into: &out, inList: false)
                default: out += scalar(item) + "\n"
                }
            }
        default:
            out += (inList ? "" : pad) + scalar(value) + "\n"
        }
    }

    private static func scalarKey(_ key: String) -> String { needsQuotes(key) ? JSONValue.quote(key) : key }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.formatDouble(d)
        case .string(let s): return needsQuotes(s) ? "'" + s.replacingOccurrences(of: "'", with: "''") + "'" : s
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    private static func needsQuotes(_ s: String) -> Bool {
        if s.isEmpty { return true }
        if ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased()) { return true }
        if Double(s) != nil { return true }
        if s.contains(": ") || s.contains(" #") || s.contains("\n") { return true }
        if let first = s.first, "-?:,[]{}#&*!|>'\"%@`".contains(first) { return true }
        return s.hasSuffix(":") || s.hasPrefix(" ") || s.hasSuffix(" ")
    }
}
