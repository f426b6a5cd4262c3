/// One `--set a.b=value` patch as az applies it to a YAML-loaded object or a stored resource.
public struct JSONPatch: Sendable, Equatable {
    /// Path segments: keys, or `[n]` list indexes written as `key[0]`.
    public var path: [String]
    public var value: JSONValue

    public init(path: [String], value: JSONValue) {
        self.path = path
        self.value = value
    }

    /// Parses `a.b=value`; the value is read as JSON when it parses, else kept as a string.
    public static func parse(_ text: String) throws -> JSONPatch {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw WorkspaceError.invalidArgument("invalid --set value '\(text)': use a.b=value (for example --set description=\"new text\" or --set tags.stage=prod)")
        }
        let path = text[..<eq].split(separator: ".").map(String.init)
        let raw = String(text[text.index(after: eq)...])
        let value: JSONValue
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            value = .string(String(raw.dropFirst().dropLast()))
        } else if let parsed = JSONValue.parse(raw) {
            value = parsed
        } else {
            value = .string(raw)
        }
        return JSONPatch(path: path, value: value)
    }

    /// The patch with a `tags.<key>` value as text (`--set tags.z=1` stores `"1"`): Azure keeps tags as strings.
    public var stringifyingTags: JSONPatch {
        guard path.first == "tags" else { return self }
        if path.count == 1, case .object(let fields) = value {
            return JSONPatch(path: path, value: .object(fields.mapValues { $0.scalarText.map(JSONValue.string) ?? $0 }))
        }
        return JSONPatch(path: path, value: value.scalarText.map(JSONValue.string) ?? value)
    }

    /// Applies the patch, creating intermediate objects as needed.
    public func apply(to document: JSONValue) throws -> JSONValue {
        try JSONPatch.set(document, path[...], value, full: path.joined(separator: "."))
    }

    private static func set(_ node: JSONValue, _ path: ArraySlice<String>, _ value: JSONValue, full: String) throws -> JSONValue {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        var key = head
        var index: Int?
        if let open = head.firstIndex(of: "["), head.hasSuffix("]") {
            key = String(head[..<open])
            index = Int(head[head.index(after: open)..<head.index(before: head.endIndex)])
            if index == nil { throw WorkspaceError.invalidArgument("invalid index in --set path '\(full)'") }
        }
        var fields: [String: JSONValue]
        switch node {
        case .object(let existing): fields = existing
        case .null: fields = [:]
        default: throw WorkspaceError.invalidArgument("cannot --set '\(full)': '\(key)' is inside a value that is not an object")
        }
        if let index {
            guard var items = fields[key]?.arrayValue, items.indices.contains(index) else {
                throw WorkspaceError.invalidArgument("cannot --set '\(full)': index \(index) is out of range for '\(key)'")
            }
            items[index] = try set(items[index], rest, value, full: full)
            fields[key] = .array(items)
        } else {
            fields[key] = try set(fields[key] ?? .null, rest, value, full: full)
        }
        return .object(fields)
    }
}
