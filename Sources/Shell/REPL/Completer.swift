/// Tab completion from the whole line before the cursor: command and subcommand names (also after
/// `help`), option names of the command typed so far (after `--`, or at once for a command that
/// takes nothing else), and values of options (`--area` ids, `--pack` ids, `--rating` levels, and
/// any option with a fixed set of values such as `--format`).
struct Completer {
    /// What Tab should do.
    struct Result: Equatable {
        /// All matching candidates, sorted.
        var candidates: [String]
        /// Text to insert at the cursor (the rest of the single match, or the common prefix).
        var insertion: String
    }

    let tree: CommandTree
    /// Words typed only in the REPL (`help`, `exit`, ...), offered at the start of a line.
    let builtins: [String]
    /// Value candidates by option name without dashes (e.g. `area`, `pack`); asked only on Tab.
    let values: (String) -> [String]?

    func complete(lineBeforeCursor line: String) -> Result {
        let endsWithSpace = line.last.map { $0 == " " || $0 == "\t" } ?? true
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let current = endsWithSpace ? "" : (words.popLast() ?? "")
        let candidates = candidatesFor(context: words, current: current)
        return Result(candidates: candidates, insertion: Completer.insertion(for: current, candidates: candidates))
    }

    func candidatesFor(context: [String], current: String) -> [String] {
        if context.first == "help" { return helpCandidates(path: Array(context.dropFirst()), current: current) }
        var command = tree
        var pendingOption: CommandTree.Argument?
        var used = Set<String>()
        for word in context {
            if pendingOption != nil {
                pendingOption = nil
                continue
            }
            if word.hasPrefix("-") {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                used.insert(name)
                if !word.contains("="), let argument = argument(spelled: name, in: command), argument.takesValue {
                    pendingOption = argument
                }
                continue
            }
            if let sub = command.subcommand(named: word) { command = sub }
        }
        let pool: [String]
        if let option = pendingOption {
            pool = valueCandidates(for: option)
        } else if current.hasPrefix("-") {
            pool = flags(of: command, used: used)
        } else if !(command.subcommands ?? []).isEmpty {
            var names = (command.subcommands ?? []).map(\.commandName)
            if context.isEmpty { names += builtins }
            pool = names
        } else if (command.arguments ?? []).contains(where: { $0.kind == "positional" }), let positional = values("positional:\(command.commandName)") {
            pool = positional
        } else if context.isEmpty {
            pool = builtins
        } else {
            // A leaf command with nothing else to complete: offer its flags (`practice <Tab>`).
            pool = flags(of: command, used: used)
        }
        return Array(Set(pool.filter { $0.hasPrefix(current) })).sorted()
    }

    /// `help [COMMAND ...] <Tab>`: command and subcommand names only, never flags.
    private func helpCandidates(path: [String], current: String) -> [String] {
        var command = tree
        for word in path {
            guard let sub = command.subcommand(named: word) else { return [] }
            command = sub
        }
        let names = (command.subcommands ?? []).map(\.commandName)
        return Array(Set(names.filter { $0.hasPrefix(current) })).sorted()
    }

    /// The flags of `command` not given yet (repeatable ones always), long spelling preferred.
    private func flags(of command: CommandTree, used: Set<String>) -> [String] {
        (command.arguments ?? []).filter { $0.kind != "positional" && ($0.shouldDisplay ?? true) }
            .filter { argument in argument.isRepeating == true || !(argument.names ?? []).contains { used.contains($0.spelled) } }
            .compactMap { $0.names?.first(where: { $0.kind == "long" })?.spelled ?? $0.names?.first?.spelled }
    }

    private func argument(spelled: String, in command: CommandTree) -> CommandTree.Argument? {
        (command.arguments ?? []).first { ($0.names ?? []).contains { $0.spelled == spelled } }
    }

    private func valueCandidates(for option: CommandTree.Argument) -> [String] {
        if let fixed = option.allValues, !fixed.isEmpty { return fixed }
        for name in option.names ?? [] where name.kind == "long" {
            if let known = values(name.name) { return known }
        }
        return []
    }

    /// The text to insert: the rest of a single match plus nothing, or the longest common prefix.
    static func insertion(for current: String, candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix.count > current.count ? String(prefix.dropFirst(current.count)) : ""
    }

    /// Candidates laid out in columns for an 80-column terminal.
    static func columns(_ candidates: [String], width: Int = 80) -> String {
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var index = 0
        while index < candidates.count {
            let row = candidates[index..<min(index + perLine, candidates.count)]
            lines.append(row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined().trimmingTrailingSpaces())
            index += perLine
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
