import Foundation
import Yams

/// A YAML file loaded as a JSON value, remembering the line of every key so that validation
/// errors can name where a field is.
public struct YAMLDocument: Sendable {
    /// The file it came from (for messages and relative paths).
    public let file: URL
    /// The content as JSON.
    public let root: JSONValue
    /// Line (1-based) of each key and list item, by path (`resources.instance_count`, `jobs[0]`).
    public let lines: [String: Int]

    /// The folder relative paths in the file resolve against.
    public var folder: URL { file.deletingLastPathComponent() }

    /// Reads and parses `file`; unreadable or unparsable input gets az's "YAML file cannot be parsed" error.
    public static func load(_ file: URL, entity: String) throws -> YAMLDocument {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: entity, fromFile: true, problems: [
                .init(category: .missingFile, field: file.path, detail: "No such file or directory: \(file.path)", line: nil),
            ]))
        }
        guard data.count <= 8 * 1024 * 1024 else {
            throw WorkspaceError.failed("\(file.path) is larger than 8 MB; an Azure ML YAML spec is a few KB")
        }
        let text = String(decoding: data, as: UTF8.self)
        return try parse(text, file: file, entity: entity)
    }

    /// Parses YAML text.
    public static func parse(_ text: String, file: URL, entity: String) throws -> YAMLDocument {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            var line: Int?
            if let yamlError = error as? YamlError, case .scanner(_, _, let mark, _) = yamlError { line = mark.line }
            if let yamlError = error as? YamlError, case .parser(_, _, let mark, _) = yamlError { line = mark.line }
            throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: entity, fromFile: true, problems: [
                .init(category: .unparsable, field: file.lastPathComponent, detail: "Error while parsing yaml file: \(file.path)\(line.map { ":\($0)" } ?? ""): \(YAMLDocument.firstLine(of: error))", line: line),
            ]))
        }
        guard let node else {
            throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: entity, fromFile: true, problems: [
                .init(category: .unparsable, field: file.lastPathComponent, detail: "Error while parsing yaml file: \(file.path) is empty", line: nil),
            ]))
        }
        var lines: [String: Int] = [:]
        var budget = YAMLDocument.maximumValues
        let root = convert(node, path: "", lines: &lines, depth: 0, budget: &budget)
        guard budget >= 0 else {
            throw WorkspaceError.failed("\(file.path) expands to more than \(YAMLDocument.maximumValues) values (anchors and aliases repeated too often); an Azure ML spec is a few hundred values")
        }
        return YAMLDocument(file: file, root: root, lines: lines)
    }

    /// A document built from a value (flags instead of a file).
    public init(file: URL, root: JSONValue, lines: [String: Int] = [:]) {
        self.file = file
        self.root = root
        self.lines = lines
    }

    /// The most values a document may expand to (guards against alias bombs).
    static let maximumValues = 200_000

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

    private static func firstLine(of error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
    }
}
