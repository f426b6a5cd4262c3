import Foundation
import Yams

/// Reads job and component YAML node trees and collects every schema problem with its field and line,
/// so one submission reports all of its mistakes at once.
final class SpecReader {
    let file: String
    private(set) var issues: [SchemaIssue] = []
    private(set) var warnings: [SchemaIssue] = []

    init(file: String) { self.file = file }

    /// Largest YAML accepted; bigger files are refused before parsing.
    static let maximumBytes = 4 * 1024 * 1024

    /// Parses `text` as one YAML document; nil with an `unparsable` issue when it is not valid YAML.
    func compose(_ text: String) -> Node? {
        if text.utf8.count > Self.maximumBytes {
            report(.unparsable, "", "the file is larger than 4 MB", line: 1, column: 1)
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(.unparsable, "", "Error while parsing yaml file: the file is empty", line: 1, column: 1)
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = "Error while parsing yaml file: \(problem)"
                if let context { message += " (\(context.text) at line \(context.mark.line))" }
                report(.unparsable, "", message, line: mark.line, column: mark.column)
            case .duplicatedKeysInMapping(let duplicates, let context):
                report(.unparsable, duplicates.first ?? "", "Error while parsing yaml file: duplicate key in the mapping", line: context.mark.line, column: context.mark.column)
            default:
                report(.unparsable, "", "Error while parsing yaml file: \(error)", line: 1, column: 1)
            }
            return nil
        } catch {
            report(.unparsable, "", "Error while parsing yaml file: \(error)", line: 1, column: 1)
            return nil
        }
    }

    // MARK: Reporting

    func position(_ node: Node?) -> SourcePosition {
        SourcePosition(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0)
    }

    func report(_ category: SchemaIssue.Category, _ field: String, _ message: String, at node: Node?) {
        issues.append(SchemaIssue(category, field: field, message, at: position(node)))
    }

    func report(_ category: SchemaIssue.Category, _ field: String, _ message: String, line: Int, column: Int) {
        issues.append(SchemaIssue(category, field: field, message, at: SourcePosition(file: file, line: line, column: column)))
    }

    /// Records a feature that is accepted but not run the way Azure runs it.
    func warnNotSimulated(_ feature: String, _ field: String, at node: Node?) {
        warnings.append(SchemaIssue(.notSimulated, field: field, "not simulated yet: \(feature)", at: position(node)))
    }

    /// Refuses a feature that cannot run here.
    func refuseNotSimulated(_ feature: String, _ field: String, at node: Node?) {
        report(.notSimulated, field, "not simulated yet: \(feature)", at: node)
    }

    // MARK: Shapes

    static func join(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : "\(prefix).\(key)"
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Key/value pairs of a mapping with string keys, or nil with an issue.
    func mapping(_ node: Node, _ field: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(.invalidField, field, "Expected a mapping (key: value pairs), found \(Self.kind(of: node)).", at: node)
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.invalidField, field, "Keys must be plain words, found \(Self.kind(of: key)).", at: key)
                continue
            }
            pairs.append((scalar.string, key, value))
        }
        return pairs
    }

    /// Reports keys outside `allowed` as unknown fields (with a did-you-mean).
    func checkKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], allowed: Set<String>, prefix: String) {
        for pair in pairs where !allowed.contains(pair.key) {
            var message = "Unknown field."
            if let suggestion = Self.closest(to: pair.key, among: allowed) {
                message += " Did you mean `\(suggestion)`?"
            }
            report(.unknownField, Self.join(prefix, pair.key), message, at: pair.keyNode)
        }
    }

    static func value(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String) -> Node? {
        pairs.first(where: { $0.key == key })?.value
    }

    static func keyNode(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String) -> Node? {
        pairs.first(where: { $0.key == key })?.keyNode
    }

    /// A scalar's text (numbers and booleans as written); nil with an issue for mappings and lists.
    func scalar(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.invalidField, field, "Not a valid string: found \(Self.kind(of: node)).", at: node)
            return nil
        }
        return scalar.string
    }

    /// Optional text: nil when absent or null.
    func optionalText(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String, prefix: String) -> String? {
        guard let node = Self.value(pairs, key), !Self.isNull(node) else { return nil }
        return scalar(node, Self.join(prefix, key))
    }

    /// Required text: an issue names the missing field and the line of its owner.
    func requiredText(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String, prefix: String, owner: Node) -> String? {
        guard let node = Self.value(pairs, key), !Self.isNull(node) else {
            report(.missingField, Self.join(prefix, key), "Missing data for required field.", at: owner)
            return nil
        }
        guard let text = scalar(node, Self.join(prefix, key)) else { return nil }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(.invalidField, Self.join(prefix, key), "Field may not be empty.", at: node)
            return nil
        }
        return text
    }

    func integer(_ node: Node, _ field: String, minimum: Int? = nil) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            report(.invalidField, field, "Not a valid integer.", at: node)
            return nil
        }
        if let minimum, value < minimum {
            report(.invalidField, field, "Must be greater than or equal to \(minimum).", at: node)
            return nil
        }
        return value
    }

    func optionalInteger(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String, prefix: String, minimum: Int? = nil) -> Int? {
        guard let node = Self.value(pairs, key), !Self.isNull(node) else { return nil }
        return integer(node, Self.join(prefix, key), minimum: minimum)
    }

    func number(_ node: Node, _ field: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            report(.invalidField, field, "Not a valid number.", at: node)
            return nil
        }
        return value
    }

    func boolean(_ node: Node, _ field: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            report(.invalidField, field, "Not a valid boolean.", at: node)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(.invalidField, field, "Not a valid boolean.", at: node)
            return nil
        }
    }

    func optionalBoolean(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String, prefix: String) -> Bool? {
        guard let node = Self.value(pairs, key), !Self.isNull(node) else { return nil }
        return boolean(node, Self.join(prefix, key))
    }

    /// A `key: text` mapping such as `tags` or `environment_variables`.
    func stringMap(_ pairs: [(key: String, keyNode: Node, value: Node)], _ key: String, prefix: String) -> [String: String] {
        guard let node = Self.value(pairs, key), !Self.isNull(node) else { return [:] }
        let field = Self.join(prefix, key)
        guard let entries = mapping(node, field) else { return [:] }
        var result: [String: String] = [:]
        for entry in entries {
            if Self.isNull(entry.value) { result[entry.key] = ""; continue }
            if let text = scalar(entry.value, Self.join(field, entry.key)) { result[entry.key] = text }
        }
        return result
    }

    /// A value from a closed set, reported with az's "Must be one of" wording.
    func oneOf(_ node: Node, _ field: String, _ allowed: [String]) -> String? {
        guard let text = scalar(node, field) else { return nil }
        if allowed.contains(text) { return text }
        report(.invalidField, field, "Value '\(text)' passed is not in set [\(allowed.joined(separator: ", "))].", at: node)
        return nil
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : "the value \"\(scalar.string.prefix(40))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func closest(to name: String, among allowed: Set<String>) -> String? {
        let scored = allowed.sorted().map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        return scored.min(by: { $0.1 < $1.1 })?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
