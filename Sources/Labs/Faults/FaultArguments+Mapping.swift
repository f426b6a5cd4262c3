import Foundation
import Workspace

extension FaultArguments {
    /// A mapping parameter (`rename: {hours_per_week: weekly_hours}`) with text values, in key order.
    public func textMapping(_ name: String) throws -> [(key: String, value: String)] {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        guard let fields = value.objectValue else { throw LabError.failed("fault \(kind): `\(name)` must be a mapping") }
        return try fields.keys.sorted().map { key in
            guard let item = fields[key], let text = Self.text(item) else {
                throw LabError.failed("fault \(kind): `\(name).\(key)` must be a text value")
            }
            return (key, text)
        }
    }

    /// A mapping parameter with number values (`scale: {capital_gain: 0.001}`), in key order.
    public func numberMapping(_ name: String) throws -> [(key: String, value: Double)] {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        guard let fields = value.objectValue else { throw LabError.failed("fault \(kind): `\(name)` must be a mapping") }
        return try fields.keys.sorted().map { key in
            if let number = fields[key]?.doubleValue { return (key, number) }
            if let text = fields[key]?.stringValue, let number = Double(text) { return (key, number) }
            throw LabError.failed("fault \(kind): `\(name).\(key)` must be a number")
        }
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return nil
        }
    }
}
