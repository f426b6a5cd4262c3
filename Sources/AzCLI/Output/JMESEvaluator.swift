import Workspace

/// Evaluates parsed JMESPath nodes with JMESPath's rules (missing → null, projections drop nulls).
enum JMESEvaluator {
    static func eval(_ node: JMESNode, _ value: JSONValue) throws -> JSONValue {
        switch node {
        case .current: return value
        case .field(let name): return value[name] ?? .null
        case .literal(let literal): return literal
        case .subexpression(let left, let right): return try eval(right, try eval(left, value))
        case .index(let left, let n):
            guard let items = try eval(left, value).arrayValue else { return .null }
            let i = n < 0 ? items.count + n : n
            return items.indices.contains(i) ? items[i] : .null
        case .slice(let left, let start, let stop):
            guard let items = try eval(left, value).arrayValue else { return .null }
            func clamp(_ v: Int?, _ fallback: Int) -> Int {
                guard let v else { return fallback }
                return max(0, min(items.count, v < 0 ? items.count + v : v))
            }
            let from = clamp(start, 0), to = clamp(stop, items.count)
            return .array(from < to ? Array(items[from..<to]) : [])
        case .listProjection(let left, let right):
            guard let items = try eval(left, value).arrayValue else { return .null }
            return .array(try items.compactMap { item in
                let result = try eval(right, item)
                return result == .null ? nil : result
            })
        case .flatten(let left, let right):
            guard let items = try eval(left, value).arrayValue else { return .null }
            let flat = items.flatMap { $0.arrayValue ?? [$0] }
            return .array(try flat.compactMap { item in
                let result = try eval(right, item)
                return result == .null ? nil : result
            })
        case .valueProjection(let left, let right):
            guard let fields = try eval(left, value).objectValue else { return .null }
            return .array(try fields.keys.sorted().compactMap { key in
                guard let item = fields[key] else { return nil }
                let result = try eval(right, item)
                return result == .null ? nil : result
            })
        case .filter(let left, let condition, let right):
            guard let items = try eval(left, value).arrayValue else { return .null }
            return .array(try items.compactMap { item in
                guard truthy(try eval(condition, item)) else { return nil }
                let result = try eval(right, item)
                return result == .null ? nil : result
            })
        case .multiList(let items):
            if value == .null { return .null }
            return .array(try items.map { try eval($0, value) })
        case .multiHash(let pairs):
            if value == .null { return .null }
            var fields: [String: JSONValue] = [:]
            for (key, expression) in pairs { fields[key] = try eval(expression, value) }
            return .object(fields)
        case .compare(let op, let left, let right):
            return compare(op, try eval(left, value), try eval(right, value))
        case .and(let left, let right):
            let l = try eval(left, value)
            return truthy(l) ? try eval(right, value) : l
        case .or(let left, let right):
            let l = try eval(left, value)
            return truthy(l) ? l : try eval(right, value)
        case .not(let inner): return .bool(!truthy(try eval(inner, value)))
        case .pipe(let left, let right): return try eval(right, try eval(left, value))
        case .function(let name, let arguments): return try call(name, arguments, value)
        case .expressionRef: return .null
        }
    }

    static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        default: return true
        }
    }

    private static func compare(_ op: String, _ a: JSONValue, _ b: JSONValue) -> JSONValue {
        switch op {
        case "==": return .bool(equal(a, b))
        case "!=": return .bool(!equal(a, b))
        default:
            guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
            switch op {
            case "<": return .bool(x < y)
            case "<=": return .bool(x <= y)
            case ">": return .bool(x > y)
            default: return .bool(x >= y)
            }
        }
    }

    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }

    private static func call(_ name: String, _ arguments: [JMESNode], _ value: JSONValue) throws -> JSONValue {
        func arity(_ n: Int) throws {
            guard arguments.count == n else {
                throw JMESPathError(message: "Invalid number of arguments for function \(name)(): expected \(n), received \(arguments.count)")
            }
        }
        func arg(_ i: Int) throws -> JSONValue { try eval(arguments[i], value) }
        switch name {
        case "length":
            try arity(1)
            switch try arg(0) {
            case .string(let s): return .int(Int64(s.count))
            case .array(let a): return .int(Int64(a.count))
            case .object(let o): return .int(Int64(o.count))
            default: throw JMESPathError(message: "In function length(), invalid type for value: expected one of string, array, object")
            }
        case "contains":
            try arity(2)
            let subject = try arg(0), search = try arg(1)
            switch subject {
            case .string(let s): return .bool(search.stringValue.map { s.contains($0) } ?? false)
            case .array(let items): return .bool(items.contains { equal($0, search) })
            case .null: return .bool(false)
            default: throw JMESPathError(message: "In function contains(), invalid type for value: expected one of array, string")
            }
        case "starts_with", "ends_with":
            try arity(2)
            guard let s = try arg(0).stringValue, let p = try arg(1).stringValue else { return .bool(false) }
            return .bool(name == "starts_with" ? s.hasPrefix(p) : s.hasSuffix(p))
        case "to_string":
            try arity(1)
            let v = try arg(0)
            return v.stringValue.map(JSONValue.string) ?? .string(v.compact())
        case "keys", "values":
            try arity(1)
            guard let fields = try arg(0).objectValue else { return .null }
            let keys = fields.keys.sorted()
            return .array(name == "keys" ? keys.map(JSONValue.string) : keys.compactMap { fields[$0] })
        case "sort_by", "max_by", "min_by":
            try arity(2)
            guard let items = try arg(0).arrayValue, case .expressionRef(let keyExpr) = arguments[1] else {
                throw JMESPathError(message: "In function \(name)(), expected an array and an &expression")
            }
            let keyed = try items.map { ($0, try eval(keyExpr, $0)) }
            let sorted = keyed.sorted { lhs, rhs in
                if let x = lhs.1.doubleValue, let y = rhs.1.doubleValue { return x < y }
                return (lhs.1.stringValue ?? "") < (rhs.1.stringValue ?? "")
            }
            switch name {
            case "sort_by": return .array(sorted.map(\.0))
            case "max_by": return sorted.last?.0 ?? .null
            default: return sorted.first?.0 ?? .null
            }
        default:
            throw JMESPathError(message: "Unknown function: \(name)()")
        }
    }
}
