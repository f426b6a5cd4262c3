import Foundation
import Workspace
import Yams

/// A lab.yaml as JSON, with the line of every key and every list item by path
/// (`tasks[0].checks[1].kind`, `setup.commands[2]`), so diagnostics can point at the line.
struct LabYAML {
    var root: JSONValue
    var lines: [String: Int]

    /// The most values a lab.yaml may expand to (guards against alias bombs).
    static let maximumValues = 100_000

    init(node: Node) {
        var lines: [String: Int] = [:]
        var budget = Self.maximumValues
        root = Self.convert(node, path: "", lines: &lines, depth: 0, budget: &budget)
        self.lines = lines
    }

    private static func convert(_ node: Node, path: String, lines: inout [String: Int], depth: Int, budget: inout Int) -> JSONValue {
        budget -= 1
        guard depth < 64, budget >= 0 else { return .null }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            return .array(sequence.enumerated().map { index, item in
                let itemPath = "\(path)[\(index)]"
                if let line = item.mark?.line { lines[itemPath] = line }
                return convert(item, path: itemPath, lines: &lines, depth: depth + 1, budget: &budget)
            })
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                let key = keyNode.string ?? String(describing: keyNode)
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let line = keyNode.mark?.line { lines[keyPath] = line }
                fields[key] = convert(valueNode, path: keyPath, lines: &lines, depth: depth + 1, budget: &budget)
            }
            return .object(fields)
        case .alias:
            return .null
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let int = Int64(text) { return .int(int) }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true, let double = Double(text), double.isFinite {
            return .double(double)
        }
        return .string(text)
    }
}
