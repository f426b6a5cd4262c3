import Foundation
import Primitives
import Workspace

/// Reads typed fields out of a lab.yaml parsed to JSON, recording a `file:line` diagnostic for every
/// missing, mistyped or unknown field so one pass reports every problem.
struct FieldReader {
    let file: String
    let lines: [String: Int]
    var diagnostics: [LabDiagnostic] = []

    init(file: String, lines: [String: Int]) {
        self.file = file
        self.lines = lines
    }

    /// The line of a key path, or of the nearest key inside it (for list items), or 0.
    func line(_ path: String) -> Int {
        if let line = lines[path] { return line }
        let inside = lines.filter { $0.key.hasPrefix(path + ".") || $0.key.hasPrefix(path + "[") }.map(\.value)
        if let first = inside.min() { return first }
        var parent = path
        while let cut = parent.lastIndex(where: { $0 == "." || $0 == "[" }) {
            parent = String(parent[..<cut])
            if let line = lines[parent] { return line }
        }
        return 0
    }

    mutating func report(_ path: String, _ message: String) {
        diagnostics.append(LabDiagnostic(file: file, line: line(path), message: message))
    }

    mutating func checkKeys(_ object: [String: JSONValue], path: String, allowed: [String], in what: String) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            let suggestion = Self.closest(to: key, among: allowed).map { "; did you mean `\($0)`?" } ?? ""
            report(keyPath, "unknown key `\(key)` in \(what)\(suggestion)")
        }
    }

    mutating func object(_ value: JSONValue?, path: String, what: String) -> [String: JSONValue]? {
        guard let value else { return nil }
        guard let fields = value.objectValue else {
            report(path, "\(what) must be a mapping of keys to values")
            return nil
        }
        return fields
    }

    mutating func list(_ value: JSONValue?, path: String, what: String) -> [JSONValue]? {
        guard let value, value != .null else { return nil }
        guard let items = value.arrayValue else {
            report(path, "\(what) must be a list")
            return nil
        }
        return items
    }

    mutating func text(_ object: [String: JSONValue], _ key: String, path: String, required: Bool = true, what: String) -> String? {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            if required { report(path, "missing required key `\(key)` in \(what)") }
            return nil
        }
        switch value {
        case .string(let text):
            if required && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                report(keyPath, "`\(key)` in \(what) is empty")
                return nil
            }
            return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default:
            report(keyPath, "`\(key)` in \(what) must be text, found a \(Self.kind(value))")
            return nil
        }
    }

    mutating func integer(_ object: [String: JSONValue], _ key: String, path: String, required: Bool, range: ClosedRange<Int>, what: String) -> Int? {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            if required { report(path, "missing required key `\(key)` in \(what)") }
            return nil
        }
        guard case .int(let number) = value, let int = Int(exactly: number) else {
            report(keyPath, "`\(key)` in \(what) must be a whole number")
            return nil
        }
        guard range.contains(int) else {
            report(keyPath, "`\(key)` in \(what) must be between \(range.lowerBound) and \(range.upperBound), found \(int)")
            return nil
        }
        return int
    }

    mutating func number(_ object: [String: JSONValue], _ key: String, path: String, range: ClosedRange<Double>, what: String) -> Double? {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else { return nil }
        guard let number = value.doubleValue, number.isFinite else {
            report(keyPath, "`\(key)` in \(what) must be a number")
            return nil
        }
        guard range.contains(number) else {
            report(keyPath, "`\(key)` in \(what) must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    mutating func texts(_ object: [String: JSONValue], _ key: String, path: String, required: Bool, what: String) -> [String] {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            if required { report(path, "missing required key `\(key)` in \(what)") }
            return []
        }
        if let single = value.stringValue { return [single] }
        guard let items = value.arrayValue else {
            report(keyPath, "`\(key)` in \(what) must be a list of text")
            return []
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .string(let text): result.append(text)
            case .int(let number): result.append(String(number))
            case .double(let number): result.append(String(number))
            default: report("\(keyPath)[\(index)]", "every item of `\(key)` in \(what) must be text")
            }
        }
        return result
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "text"
        case .array: return "list"
        case .object: return "mapping"
        }
    }

    static func closest(to name: String, among allowed: [String]) -> String? {
        let scored = allowed.map { ($0, EditDistance.levenshtein(name, $0)) }.filter { $0.1 <= max(2, name.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }
}
