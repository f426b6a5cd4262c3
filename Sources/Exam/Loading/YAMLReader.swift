import Foundation
import Yams

/// Reads a YAML node tree and records every structural problem as a `Diagnostic`.
///
/// Each accessor returns nil when the value is missing or has the wrong shape and records why,
/// so a caller can keep going and report every problem of a file in one pass.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// The largest file read; bigger inputs are refused before parsing.
    static let maximumBytes = 8 * 1024 * 1024
    /// The deepest flow nesting (`[[[`, `{{{`) accepted before parsing, so no input can exhaust the stack.
    static let maximumFlowDepth = 64
    /// The widest leading indentation (spaces, tabs, `-` and `?` markers) accepted before parsing.
    static let maximumIndent = 256

    /// Parses `bytes` as one YAML document; nil with a diagnostic when it is not well-formed.
    mutating func compose(bytes: [UInt8]) -> Node? {
        if bytes.count > Self.maximumBytes {
            report(line: 0, column: 0, "file is larger than \(Self.maximumBytes / 1_048_576) MB; split it into several packs")
            return nil
        }
        guard let text = decodeUTF8(bytes) else { return nil }
        guard checkNesting(text) else { return nil }
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                report(line: 1, column: 1, "file is empty; a pack needs at least `pack`, `title`, `version`, `outline` and `questions`")
                return nil
            }
            return node
        } catch let error as YamlError {
            reportYAML(error, text: text)
            return nil
        } catch {
            report(line: 1, column: 1, "YAML error: \(error)")
            return nil
        }
    }

    mutating func report(_ node: Node, _ message: String) {
        let location = self.location(of: node)
        diagnostics.append(Diagnostic(at: location, message))
    }

    mutating func report(line: Int, column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
    }

    mutating func report(at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(at: location, message))
    }

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    // MARK: Shapes

    /// The node as a mapping, or nil with "X must be a mapping".
    mutating func mapping(_ node: Node, _ what: String) -> YAMLFields? {
        if case .mapping(let mapping) = node { return YAMLFields(mapping) }
        report(node, "\(what) must be a mapping of keys to values, found \(Self.kind(of: node))")
        return nil
    }

    /// The node as a list, or nil with "X must be a list".
    mutating func sequence(_ node: Node, _ key: String, in what: String) -> [Node]? {
        if case .sequence(let sequence) = node { return Array(sequence) }
        report(node, "`\(key)` in \(what) must be a list, found \(Self.kind(of: node))")
        return nil
    }

    /// Reports every key of `mapping` that is not in `allowed`; `misplaced` explains keys that exist elsewhere.
    mutating func checkKeys(_ mapping: YAMLFields, allowed: [String], in what: String, misplaced: [String: String] = [:]) {
        for (entry, name) in zip(mapping.entries, mapping.keyNames) {
            guard let name else {
                report(entry.key, "keys of \(what) must be plain words, found \(Self.kind(of: entry.key))")
                continue
            }
            let key = entry.key
            if allowed.contains(name) { continue }
            if let reason = misplaced[name] {
                report(key, "key `\(name)` is not allowed in \(what): \(reason)")
            } else if let suggestion = Self.closest(to: name, among: allowed) {
                report(key, "unknown key `\(name)` in \(what) (did you mean `\(suggestion)`?)")
            } else {
                report(key, "unknown key `\(name)` in \(what); allowed: \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The value of `key`, without reporting anything.
    func value(_ mapping: YAMLFields, _ key: String) -> Node? {
        mapping[key]
    }

    /// The value of a required key, or nil with "missing required key".
    mutating func required(_ mapping: YAMLFields, _ key: String, of owner: Node, in what: String) -> Node? {
        guard let node = value(mapping, key), !Self.isNull(node) else {
            report(owner, "missing required key `\(key)` in \(what)")
            return nil
        }
        return node
    }

    /// A non-empty text value, or nil with a diagnostic (missing, not text, or empty).
    mutating func requiredText(_ mapping: YAMLFields, _ key: String, of owner: Node, in what: String) -> String? {
        guard let node = required(mapping, key, of: owner, in: what) else { return nil }
        return text(node, key: key, in: what)
    }

    /// An optional text value: nil when absent; reported when present with the wrong shape.
    mutating func optionalText(_ mapping: YAMLFields, _ key: String, in what: String) -> String? {
        guard let node = value(mapping, key), !Self.isNull(node) else { return nil }
        return text(node, key: key, in: what)
    }

    mutating func text(_ node: Node, key: String, in what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "`\(key)` in \(what) must be text, found \(Self.kind(of: node))")
            return nil
        }
        if scalar.string.isBlank {
            report(node, "`\(key)` in \(what) is empty")
            return nil
        }
        return scalar.string.hasSuffix("\n") ? String(scalar.string.dropLast()) : scalar.string
    }

    /// A whole number, or nil with a diagnostic.
    mutating func integer(_ node: Node, key: String, in what: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain,
              let value = Int(scalar.string.trimmed) else {
            report(node, "`\(key)` in \(what) must be a whole number, found \(Self.describe(node))")
            return nil
        }
        return value
    }

    /// `true`/`false` (also `yes`/`no`), or nil with a diagnostic.
    mutating func boolean(_ node: Node, key: String, in what: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        report(node, "`\(key)` in \(what) must be true or false, found \(Self.describe(node))")
        return nil
    }

    // MARK: Helpers

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : "the text \"\(abbreviate(scalar.string))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func describe(_ node: Node) -> String { kind(of: node) }

    static func abbreviate(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    /// The allowed key within edit distance 2 of `name`, if exactly one is that close.
    static func closest(to name: String, among allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        // Optimal string alignment: insertions, deletions, substitutions and adjacent swaps cost 1.
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { best = min(best, table[i - 2][j - 2] + 1) }
                table[i][j] = best
            }
        }
        return table[x.count][y.count]
    }

    // MARK: Input checks and YAML errors

    private mutating func decodeUTF8(_ bytes: [UInt8]) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Find the first byte that breaks UTF-8 to say where it is.
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let length = Self.utf8SequenceLength(bytes, at: index)
            if length == 0 {
                report(line: line, column: column, "file is not valid UTF-8 (byte 0x\(String(bytes[index], radix: 16)) at offset \(index)); save it as UTF-8")
                return nil
            }
            if bytes[index] == 10 { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        report(line: line, column: column, "file is not valid UTF-8; save it as UTF-8")
        return nil
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is not valid.
    private static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let slice = Array(bytes[index..<(index + length)])
        return String(validating: slice, as: UTF8.self) == nil ? 0 : length
    }

    /// Refuses nesting no pack needs before libyaml and Yams recurse into it: flow brackets
    /// deeper than `maximumFlowDepth`, or block nesting (`- - - x`, deep indentation) beyond
    /// `maximumIndent` columns.
    private mutating func checkNesting(_ text: String) -> Bool {
        var depth = 0, line = 1, column = 0, leading = 0, atLineStart = true
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        let dash = UInt8(ascii: "-"), question = UInt8(ascii: "?")
        let openSquare = UInt8(ascii: "["), openCurly = UInt8(ascii: "{")
        let closeSquare = UInt8(ascii: "]"), closeCurly = UInt8(ascii: "}")
        for byte in text.utf8 {
            // Columns count Unicode scalars: UTF-8 continuation bytes do not start a new one.
            if byte & 0xC0 != 0x80 { column += 1 }
            if byte == newline {
                line += 1
                column = 0
                leading = 0
                atLineStart = true
                continue
            }
            if atLineStart {
                if byte == space || byte == dash || byte == question || byte == tab {
                    leading += 1
                    if leading > Self.maximumIndent {
                        report(line: line, column: column, "line is indented or nested more than \(Self.maximumIndent) columns deep; a pack never needs this")
                        return false
                    }
                } else {
                    atLineStart = false
                }
            }
            if byte == openSquare || byte == openCurly {
                depth += 1
                if depth > Self.maximumFlowDepth {
                    report(line: line, column: column, "brackets nested more than \(Self.maximumFlowDepth) deep; a pack never needs this")
                    return false
                }
            } else if byte == closeSquare || byte == closeCurly {
                depth = max(0, depth - 1)
            }
        }
        return true
    }

    private mutating func reportYAML(_ error: YamlError, text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            let (line, column) = Self.clamp(line: mark.line, column: mark.column, in: text)
            report(line: line, column: column, message)
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.lineAndColumn(ofCharacterOffset: offset ?? 0, in: text)
            report(line: line, column: column, "YAML reader error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let name = duplicates.first ?? "?"
            let first = context.mark
            if let second = Self.repeatedKey(name, after: first, in: text) {
                report(line: second.line, column: second.column, "duplicate key `\(name)`; first used at \(file):\(first.line):\(first.column) in the same mapping")
            } else {
                report(line: first.line, column: first.column, "duplicate key `\(name)` in this mapping; each key may appear once")
            }
        default:
            report(line: 1, column: 1, "YAML error: \(error)")
        }
    }

    /// libyaml may point one line past the end at end of input; keep positions inside the file.
    static func clamp(line: Int, column: Int, in text: String) -> (Int, Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let count = max(1, lines.count)
        if line < 1 { return (1, 1) }
        if line <= count { return (line, max(1, column)) }
        let last = lines.last.map { $0.unicodeScalars.count + 1 } ?? 1
        return (count, last)
    }

    /// Where `key` appears again at the same indentation after its first use, within the same block.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        guard first.line >= 1, indent >= 0 else { return nil }
        var number = first.line
        for line in lines.dropFirst(first.line) {
            number += 1
            let leading = line.prefix(while: { $0 == " " || $0 == "-" })
            let content = line.dropFirst(leading.count)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if leading.count < indent { return nil }
            if leading.count == indent, content.hasPrefix(key + ":") || content.hasPrefix("\"\(key)\":") {
                return (number, indent + 1)
            }
        }
        return nil
    }

    static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1, count = 0
        for character in text {
            if count >= offset { break }
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
            count += 1
        }
        return (line, column)
    }
}
