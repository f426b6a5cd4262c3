/// What a YAML field may hold, for az-style schema validation.
public indirect enum FieldRule: Sendable {
    /// Any scalar rendered as text (names, paths, descriptions, versions as written).
    case string
    /// An integer (a numeric string is accepted, as marshmallow does).
    case integer
    /// Any number.
    case number
    /// true / false.
    case boolean
    /// One of the listed strings.
    case oneOf([String])
    /// A mapping of string keys to scalars (tags, properties, environment variables).
    case stringMap
    /// A list of items of one rule.
    case list(FieldRule)
    /// A mapping with known fields; `required` must be present.
    case object(fields: [String: FieldRule], required: Set<String> = [])
    /// A mapping whose values all follow one rule (inputs, outputs, jobs).
    case mapOf(FieldRule)
    /// A string (a reference or path) or an inline mapping following the rule.
    case stringOr(FieldRule)
    /// Anything (validated elsewhere).
    case any
    /// A field the simulator does not implement yet: present → "not simulated yet: <feature>".
    case notSimulated(String)
}

/// Validates a document against a rule and collects every problem with its line.
public struct SchemaValidator {
    let lines: [String: Int]
    private(set) var problems: [SchemaErrorTemplate.Problem] = []
    private(set) var unsupported: [String] = []

    public init(lines: [String: Int]) { self.lines = lines }

    /// Checks `value` at `path` against `rule`.
    public mutating func check(_ value: JSONValue, _ rule: FieldRule, path: String) {
        switch rule {
        case .any: return
        case .notSimulated(let feature):
            unsupported.append(feature)
        case .string:
            switch value {
            case .string, .int, .double, .bool: return
            default: invalid(path, "Not a valid string.")
            }
        case .integer:
            if value.intValue == nil { invalid(path, "Not a valid integer.") }
        case .number:
            if value.doubleValue == nil, value.stringValue.flatMap(Double.init) == nil { invalid(path, "Not a valid number.") }
        case .boolean:
            if case .bool = value { return }
            if let text = value.stringValue, ["true", "false"].contains(text.lowercased()) { return }
            invalid(path, "Not a valid boolean.")
        case .oneOf(let allowed):
            guard let text = value.stringValue else { invalid(path, "Must be one of: \(allowed.joined(separator: ", ")).") ; return }
            if !allowed.contains(where: { $0.lowercased() == text.lowercased() }) {
                invalid(path, "Value '\(text)' passed is not in set [\(allowed.joined(separator: ", "))]")
            }
        case .stringMap:
            guard let fields = value.objectValue else {
                if value != .null { invalid(path, "Not a valid mapping type.") }
                return
            }
            for (key, item) in fields {
                switch item {
                case .object, .array: invalid(join(path, key), "Not a valid string.")
                default: break
                }
            }
        case .list(let itemRule):
            guard let items = value.arrayValue else { invalid(path, "Not a valid list."); return }
            for (i, item) in items.enumerated() { check(item, itemRule, path: "\(path)[\(i)]") }
        case .mapOf(let itemRule):
            guard let fields = value.objectValue else {
                if value != .null { invalid(path, "Not a valid mapping type.") }
                return
            }
            for (key, item) in fields { check(item, itemRule, path: join(path, key)) }
        case .stringOr(let inner):
            if case .object = value { check(value, inner, path: path); return }
            check(value, .string, path: path)
        case .object(let known, let required):
            guard let fields = value.objectValue else { invalid(path, "Not a valid mapping type."); return }
            for name in required.sorted() where fields[name] == nil || fields[name] == .null {
                problems.append(.init(category: .missingField, field: join(path, name), detail: "Missing data for required field.", line: lines[path]))
            }
            for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
                guard let rule = known[key] else {
                    problems.append(.init(category: .unknownField, field: join(path, key), detail: "Unknown field.", line: lines[join(path, key)]))
                    continue
                }
                if item == .null, !required.contains(key) { continue }
                check(item, rule, path: join(path, key))
            }
        }
    }

    private mutating func invalid(_ path: String, _ detail: String) {
        problems.append(.init(category: .invalidValue, field: path, detail: detail, line: lines[path]))
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
