import ArgumentParser
import CLICore
import Primitives

/// `help [COMMAND [SUBCOMMAND]]` in the REPL and as `mlopslab help ...`: the command's help, or,
/// for a name that is not in the command table, one error line with the closest names.
enum HelpRequest {
    /// Checks `words` (the words after `help`) against the command table: nil when they name a
    /// command, else the one-line error.
    static func problem(with words: [String]) -> CLIError? {
        var command: any ParsableCommand.Type = RootCommand.self
        var path: [String] = []
        for word in words {
            if word.hasPrefix("-") { break }
            let subcommands = command.configuration.subcommands
            // A command without subcommands takes the rest as its own arguments (e.g. az's grammar).
            if subcommands.isEmpty { break }
            guard let next = subcommands.first(where: { names(of: $0).contains(word) }) else {
                let known = subcommands.compactMap { $0.configuration.commandName }
                let place = path.isEmpty ? "command" : "subcommand of \(path.joined(separator: " "))"
                return CLIError.invalidInput("no \(place) named '\(word)'\(suggestion(for: word, among: known)); type help\(path.isEmpty ? "" : " " + path.joined(separator: " ")) for the list")
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// `; did you mean 'x'?` for the closest names (edit distance up to 2, or a shared prefix).
    static func suggestion(for word: String, among names: [String]) -> String {
        let scored = names.map { ($0, EditDistance.levenshtein(word, $0)) }
        let best = scored.map(\.1).min() ?? Int.max
        var close = scored.filter { $0.1 <= 2 && $0.1 == best }.map(\.0)
        if close.isEmpty, word.count >= 2 { close = names.filter { $0.hasPrefix(word) } }
        guard !close.isEmpty else { return "" }
        return "; did you mean " + close.sorted().map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [command.configuration.commandName].compactMap { $0 } + command.configuration.aliases
    }
}
