/// Splits an az command line into the command and its option values, with az's rules:
/// `--opt value`, `--opt=value`, unambiguous prefixes of long options, multi-value options that
/// take words up to the next option, and "did you mean" for unknown words and flags.
struct AzParser {
    let commands: [AzCommandSpec]

    enum Outcome {
        case run(AzCommandSpec, [String: [String]])
        case help(String)
    }

    /// Every group path (`ml`, `ml data`, `keyvault secret`...).
    var groups: Set<[String]> {
        var result: Set<[String]> = [[]]
        for command in commands {
            for n in 1..<max(1, command.path.count) { result.insert(Array(command.path.prefix(n))) }
        }
        return result
    }

    func children(of group: [String]) -> [String] {
        Set(commands.compactMap { c -> String? in
            guard c.path.count > group.count, Array(c.path.prefix(group.count)) == group, !c.path[group.count].hasPrefix("_") else { return nil }
            return c.path[group.count]
        }).sorted()
    }

    func parse(_ words: [String]) throws -> Outcome {
        var path: [String] = []
        var index = 0
        while index < words.count, !words[index].hasPrefix("-") {
            let candidate = path + [words[index]]
            if let command = commands.first(where: { $0.path == candidate }) {
                return try parseOptions(command, Array(words[(index + 1)...]))
            }
            if groups.contains(candidate) {
                path = candidate
                index += 1
                continue
            }
            let options = children(of: path)
            throw AzUsageError.unknownCommand(word: words[index], group: path.joined(separator: " ").isEmpty ? "" : path.joined(separator: " "),
                                              suggestions: Suggestions.closest(to: words[index], in: options))
        }
        let rest = Array(words[index...])
        if rest.isEmpty || rest.contains("--help") || rest.contains("-h") {
            return .help(AzHelp.group(path, children: children(of: path).map { child in
                let full = path + [child]
                let summary = commands.first { $0.path == full }?.summary ?? AzHelp.groupSummary(full)
                return (child, summary, groups.contains(full))
            }))
        }
        throw AzUsageError.unrecognizedArguments(rest, suggestion: nil)
    }

    private func parseOptions(_ command: AzCommandSpec, _ words: [String]) throws -> Outcome {
        if words.contains("--help") || words.contains("-h") { return .help(AzHelp.command(command)) }
        let options = command.allOptions
        var values: [String: [String]] = [:]
        var i = 0
        var unrecognized: [String] = []
        while i < words.count {
            let word = words[i]
            guard word.hasPrefix("-"), word.count > 1, Int(word) == nil else {
                unrecognized.append(word)
                i += 1
                continue
            }
            var name = word
            var inline: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard let option = match(name, in: options) else {
                let longNames = options.flatMap(\.names).filter { $0.hasPrefix("--") }
                throw AzUsageError.unrecognizedArguments([word], suggestion: Suggestions.closest(to: name, in: longNames, limit: 1).first)
            }
            i += 1
            switch option.arity {
            case .flag:
                values[option.key, default: []] = []
            case .single:
                let value: String
                if let inline { value = inline } else {
                    guard i < words.count, !(words[i].hasPrefix("--") && words[i].count > 2) else { throw AzUsageError.missingValue(option.display) }
                    value = words[i]
                    i += 1
                }
                if !option.choices.isEmpty, !option.choices.contains(where: { $0.lowercased() == value.lowercased() }) {
                    throw AzUsageError.invalidChoice(option: option.display, value: value, choices: option.choices)
                }
                values[option.key, default: []].append(value)
            case .many:
                var collected: [String] = inline.map { [$0] } ?? []
                while i < words.count, !(words[i].hasPrefix("-") && words[i].count > 1 && Int(words[i]) == nil) {
                    collected.append(words[i])
                    i += 1
                }
                guard !collected.isEmpty else { throw AzUsageError.missingValue(option.display) }
                values[option.key, default: []].append(contentsOf: collected)
            }
        }
        if !unrecognized.isEmpty { throw AzUsageError.unrecognizedArguments(unrecognized, suggestion: nil) }
        let missing = command.options.filter { $0.required && values[$0.key] == nil }
        if !missing.isEmpty { throw AzUsageError.missingRequired(missing.map { $0.names.joined(separator: "/") }) }
        return .run(command, values)
    }

    /// Exact name, else a unique prefix of a long name (argparse's abbreviation rule).
    private func match(_ name: String, in options: [AzOption]) -> AzOption? {
        if let exact = options.first(where: { $0.names.contains(name) }) { return exact }
        guard name.hasPrefix("--"), name.count > 3 else { return nil }
        let prefixed = options.filter { $0.names.contains { $0.hasPrefix("--") && $0.hasPrefix(name) } }
        return prefixed.count == 1 ? prefixed.first : nil
    }
}

/// az-style help text for groups and commands.
enum AzHelp {
    static func groupSummary(_ path: [String]) -> String {
        switch path.joined(separator: " ") {
        case "ml": return "Manage Azure Machine Learning resources with the Azure CLI ML extension v2 (simulated)."
        case "ml data": return "Manage Azure ML data assets."
        case "ml environment": return "Manage Azure ML environments."
        case "ml compute": return "Manage Azure ML compute resources."
        case "ml job": return "Manage Azure ML jobs."
        case "ml model": return "Manage Azure ML models."
        case "ml component": return "Manage Azure ML components."
        case "ml registry": return "Manage Azure ML registries."
        case "ml workspace": return "Manage Azure ML workspaces."
        case "account": return "Manage Azure subscription information."
        case "group": return "Manage resource groups."
        case "identity": return "Managed Identities."
        case "role": return "Manage Azure role-based access control (Azure RBAC)."
        case "role assignment": return "Manage role assignments."
        case "keyvault": return "Manage KeyVault keys, secrets, and certificates."
        case "keyvault secret": return "Manage secrets."
        default: return ""
        }
    }

    static func group(_ path: [String], children: [(String, String, Bool)]) -> String {
        var out = "\nGroup\n    az \(path.joined(separator: " "))\(path.isEmpty ? "" : " : \(groupSummary(path))")\n"
        let subgroups = children.filter(\.2), commands = children.filter { !$0.2 }
        let width = (children.map(\.0.count).max() ?? 0) + 1
        if !subgroups.isEmpty {
            out += "\nSubgroups:\n"
            for (name, summary, _) in subgroups { out += "    \(name.padding(toLength: width, withPad: " ", startingAt: 0)): \(summary)\n" }
        }
        if !commands.isEmpty {
            out += "\nCommands:\n"
            for (name, summary, _) in commands { out += "    \(name.padding(toLength: width, withPad: " ", startingAt: 0)): \(summary)\n" }
        }
        out += "\nTo search AI knowledge base for examples, use: az find \"az \(path.joined(separator: " "))\"\n"
        return out
    }

    static func command(_ spec: AzCommandSpec) -> String {
        var out = "\nCommand\n    az \(spec.path.joined(separator: " ")) : \(spec.summary)\n\nArguments\n"
        func block(_ options: [AzOption]) -> String {
            let width = (options.map { $0.display.count + ($0.required ? 11 : 0) }.max() ?? 0) + 1
            return options.map { option in
                let label = option.display + (option.required ? " [Required]" : "")
                var line = "    \(label.padding(toLength: width, withPad: " ", startingAt: 0)): \(option.help)"
                if !option.choices.isEmpty { line += "  Allowed values: \(option.choices.joined(separator: ", "))." }
                return line
            }.joined(separator: "\n") + "\n"
        }
        out += block(spec.options)
        out += "\nGlobal Arguments\n" + block(GlobalOptions.all)
        if !spec.examples.isEmpty {
            out += "\nExamples\n" + spec.examples.map { "    \($0)\n" }.joined()
        }
        return out
    }
}
