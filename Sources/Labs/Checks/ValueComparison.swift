import Foundation
import Workspace

/// Applies a check's comparator to an observed JSON value.
enum ValueComparison {
    static func holds(_ comparator: Comparator, on observed: JSONValue) -> Bool {
        switch comparator {
        case .equals(let expected): return same(observed, expected)
        case .notEquals(let expected): return !same(observed, expected)
        case .contains(let expected): return contains(observed, expected)
        case .notContains(let expected): return !contains(observed, expected)
        case .atLeast(let bound): return number(observed).map { $0 >= bound } ?? false
        case .atMost(let bound): return number(observed).map { $0 <= bound } ?? false
        case .matches(let pattern): return matches(text(observed), pattern)
        case .notMatches(let pattern): return !matches(text(observed), pattern)
        case .exists(let flag): return flag == exists(observed)
        case .succeeds: return true
        }
    }

    /// Equal as JSON, with numbers compared by value and a numeric string equal to its number.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        case (.string(let s), .int), (.string(let s), .double):
            return Double(s).map { $0 == b.doubleValue } ?? false
        case (.int, .string(let s)), (.double, .string(let s)):
            return Double(s).map { $0 == a.doubleValue } ?? false
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x == y }
            return a == b
        }
    }

    static func contains(_ observed: JSONValue, _ expected: JSONValue) -> Bool {
        switch observed {
        case .string(let s): return s.contains(text(expected))
        case .array(let items): return items.contains { same($0, expected) }
        case .object(let fields): return expected.stringValue.map { fields[$0] != nil } ?? false
        default: return false
        }
    }

    /// A number from a number, a numeric string, or the length of a list.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int, .double: return value.doubleValue
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case .array(let items): return Double(items.count)
        default: return nil
        }
    }

    static func exists(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .array(let items): return !items.isEmpty
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .string(let s): return !s.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let fields): return !fields.isEmpty
        case .int, .double: return true
        }
    }

    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.compact()
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// A short rendering of an observed value for messages.
    static func shortText(_ value: JSONValue) -> String {
        let full = text(value)
        return full.count > 160 ? String(full.prefix(157)) + "..." : full
    }
}
