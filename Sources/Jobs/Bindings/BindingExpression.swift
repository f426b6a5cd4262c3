import Foundation

/// What a `${{...}}` expression refers to.
public enum BindingTarget: Sendable, Equatable {
    /// `${{inputs.x}}`
    case input(String)
    /// `${{outputs.y}}`
    case output(String)
    /// `${{name}}`: the job's name.
    case jobName
    /// `${{search_space.p}}` inside a sweep trial.
    case searchSpace(String)
    /// `${{parent.inputs.x}}` in a pipeline step.
    case parentInput(String)
    /// `${{parent.outputs.y}}` in a pipeline step.
    case parentOutput(String)
    /// `${{parent.jobs.step.outputs.y}}` in a pipeline step.
    case stepOutput(step: String, output: String)
    /// Anything else (reported as an error where it is used).
    case unsupported(String)

    /// Parses the text between `${{` and `}}`.
    public init(expression: String) {
        let text = expression.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func valid(_ word: String) -> Bool {
            !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        switch parts.count {
        case 1 where parts[0] == "name": self = .jobName
        case 2 where parts[0] == "inputs" && valid(parts[1]): self = .input(parts[1])
        case 2 where parts[0] == "outputs" && valid(parts[1]): self = .output(parts[1])
        case 2 where parts[0] == "search_space" && valid(parts[1]): self = .searchSpace(parts[1])
        case 3 where parts[0] == "parent" && parts[1] == "inputs" && valid(parts[2]): self = .parentInput(parts[2])
        case 3 where parts[0] == "parent" && parts[1] == "outputs" && valid(parts[2]): self = .parentOutput(parts[2])
        case 5 where parts[0] == "parent" && parts[1] == "jobs" && parts[3] == "outputs" && valid(parts[2]) && valid(parts[4]):
            self = .stepOutput(step: parts[2], output: parts[4])
        default: self = .unsupported(text)
        }
    }
}

/// One `${{...}}` found in a text.
public struct BindingOccurrence: Sendable, Equatable {
    /// The whole `${{ ... }}` text.
    public var text: String
    public var target: BindingTarget
    /// Character offsets of the occurrence in the scanned text.
    public var range: Range<Int>
}

/// Finds and substitutes `${{...}}` expressions and `$[[...]]` optional blocks.
public enum BindingScanner {
    /// Every `${{...}}` in `text`, in order. An unterminated `${{` is returned as `.unsupported`.
    public static func occurrences(in text: String) -> [BindingOccurrence] {
        let chars = Array(text)
        var result: [BindingOccurrence] = []
        var index = 0
        while index + 2 < chars.count {
            if chars[index] == "$", chars[index + 1] == "{", chars[index + 2] == "{" {
                var end = index + 3
                var closed = false
                while end + 1 < chars.count {
                    if chars[end] == "}", chars[end + 1] == "}" { closed = true; break }
                    end += 1
                }
                if closed {
                    let inner = String(chars[(index + 3)..<end])
                    result.append(BindingOccurrence(text: String(chars[index...(end + 1)]), target: BindingTarget(expression: inner), range: index..<(end + 2)))
                    index = end + 2
                    continue
                }
                let rest = String(chars[index...])
                result.append(BindingOccurrence(text: rest, target: .unsupported(rest), range: index..<chars.count))
                break
            }
            index += 1
        }
        return result
    }

    /// Whether the whole value (ignoring surrounding spaces) is one `${{...}}`.
    public static func isWholeBinding(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = occurrences(in: trimmed)
        return found.count == 1 && found[0].range == 0..<trimmed.count
    }

    /// The target of a whole-value binding, or nil when `text` is not one.
    public static func wholeTarget(_ text: String) -> BindingTarget? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isWholeBinding(trimmed) else { return nil }
        return occurrences(in: trimmed).first?.target
    }

    /// Replaces each `${{...}}` by `value(target)`; a nil value leaves the text unchanged.
    public static func substitute(_ text: String, _ value: (BindingTarget) -> String?) -> String {
        let chars = Array(text)
        var output = ""
        var cursor = 0
        for occurrence in occurrences(in: text) {
            output += String(chars[cursor..<occurrence.range.lowerBound])
            output += value(occurrence.target) ?? occurrence.text
            cursor = occurrence.range.upperBound
        }
        output += String(chars[cursor...])
        return output
    }

    /// Resolves `$[[ ... ]]` optional blocks: a block is kept (without its brackets) when every input it
    /// names has a value, and dropped otherwise (Azure's rule for optional component inputs).
    public static func resolveOptionalBlocks(_ text: String, hasValue: (String) -> Bool) -> String {
        let chars = Array(text)
        var output = ""
        var index = 0
        while index < chars.count {
            if index + 2 < chars.count, chars[index] == "$", chars[index + 1] == "[", chars[index + 2] == "[" {
                var end = index + 3
                var closed = false
                while end + 1 < chars.count {
                    if chars[end] == "]", chars[end + 1] == "]" { closed = true; break }
                    end += 1
                }
                if closed {
                    let inner = String(chars[(index + 3)..<end])
                    let names = occurrences(in: inner).compactMap { occurrence -> String? in
                        if case .input(let name) = occurrence.target { return name }
                        return nil
                    }
                    if names.allSatisfy(hasValue) { output += inner }
                    index = end + 2
                    continue
                }
            }
            output.append(chars[index])
            index += 1
        }
        return output
    }

    /// The input names used inside `$[[...]]` blocks (those inputs may be left unset).
    public static func inputsInOptionalBlocks(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var remaining = Substring(text)
        while let start = remaining.range(of: "$[[") {
            let after = remaining[start.upperBound...]
            guard let end = after.range(of: "]]") else { break }
            for occurrence in occurrences(in: String(after[..<end.lowerBound])) {
                if case .input(let name) = occurrence.target { names.insert(name) }
            }
            remaining = after[end.upperBound...]
        }
        return names
    }
}
