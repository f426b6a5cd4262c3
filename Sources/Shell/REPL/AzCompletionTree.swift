import AzCLI

extension CommandTree {
    /// This tree with the `az` command's words filled in from the az command table, whose
    /// grammar ArgumentParser does not see (`az` takes the rest of the line as it is).
    func addingAzCommands(_ specs: [AzCommandSpec]) -> CommandTree {
        var copy = self
        guard var subcommands = copy.subcommands, let index = subcommands.firstIndex(where: { $0.commandName == "az" }) else { return self }
        var az = subcommands[index]
        for spec in specs where !spec.path.contains(where: { $0.hasPrefix("_") }) { az.insert(path: spec.path[...], options: spec.allOptions) }
        subcommands[index] = az
        copy.subcommands = subcommands
        return copy
    }

    private mutating func insert(path: ArraySlice<String>, options: [AzOption]) {
        guard let head = path.first else {
            arguments = options.map { option in
                Argument(
                    kind: option.arity == .flag ? "flag" : "option",
                    names: option.names.map { Name(kind: $0.hasPrefix("--") ? "long" : "short", name: String($0.drop(while: { $0 == "-" }))) },
                    valueName: nil, allValues: option.choices.isEmpty ? nil : option.choices, isRepeating: option.arity == .many, shouldDisplay: true)
            }
            return
        }
        var children = subcommands ?? []
        let position = children.firstIndex { $0.commandName == head } ?? {
            children.append(CommandTree(commandName: head))
            return children.count - 1
        }()
        children[position].insert(path: path.dropFirst(), options: options)
        subcommands = children
    }
}
