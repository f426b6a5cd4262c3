import CLICore
import Primitives

/// az-level failures of the command line itself (exit code 2), printed as az prints them.
public enum AzUsageError: UserFacingError, Equatable {
    /// A word that is not a command or group at that place.
    case unknownCommand(word: String, group: String, suggestions: [String])
    /// A flag the command does not have.
    case unrecognizedArguments([String], suggestion: String?)
    /// A required flag is missing.
    case missingRequired([String])
    /// A flag needs a value and none was given.
    case missingValue(String)
    /// A value outside the allowed set.
    case invalidChoice(option: String, value: String, choices: [String])
    /// Any other usage problem.
    case usage(String)

    public var message: String {
        switch self {
        case .unknownCommand(let word, let group, let suggestions):
            var text = "'\(word)' is misspelled or not recognized by the system. See 'az \(group.isEmpty ? "" : group + " ")--help'."
            if let first = suggestions.first, suggestions.count == 1 {
                text += "\nThe most similar choice to '\(word)' is:\n    \(first)"
            } else if !suggestions.isEmpty {
                text += "\nThe most similar choices to '\(word)' are:\n" + suggestions.map { "    \($0)" }.joined(separator: "\n")
            }
            return text
        case .unrecognizedArguments(let words, let suggestion):
            var text = "unrecognized arguments: \(words.joined(separator: " "))"
            if let suggestion { text += "\nThe most similar choice to '\(words.first ?? "")' is:\n    \(suggestion)" }
            return text
        case .missingRequired(let names): return "the following arguments are required: \(names.joined(separator: ", "))"
        case .missingValue(let option): return "argument \(option): expected one argument"
        case .invalidChoice(let option, let value, let choices):
            return "argument \(option): invalid choice: '\(value)' (choose from \(choices.map { "'\($0)'" }.joined(separator: ", ")))"
        case .usage(let text): return text
        }
    }

    public var exitCode: Int32 { 2 }
}

/// Edit distance, for "did you mean".
enum Suggestions {
    static func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        let threshold = max(2, word.count / 2)
        return scored.filter { $0.1 <= threshold || $0.0.hasPrefix(word) }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            .prefix(limit).map(\.0)
    }

    static func distance(_ a: String, _ b: String) -> Int { EditDistance.levenshtein(a, b) }
}
