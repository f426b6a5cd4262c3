import Foundation

/// The command table as data (names, subcommands, options), read from ArgumentParser's own help
/// dump so completion can never drift from the real grammar.
struct CommandTree: Decodable, Equatable {
    struct Name: Decodable, Equatable {
        var kind: String
        var name: String

        /// `--name`, `-n` or `-name` as typed.
        var spelled: String {
            switch kind {
            case "long": return "--" + name
            case "short": return "-" + name
            default: return "-" + name
            }
        }
    }

    struct Argument: Decodable, Equatable {
        var kind: String
        var names: [Name]?
        var valueName: String?
        var allValues: [String]?
        var isRepeating: Bool?
        var shouldDisplay: Bool?

        var takesValue: Bool { kind == "option" }
    }

    var commandName: String
    var subcommands: [CommandTree]?
    var arguments: [Argument]?

    init(commandName: String, subcommands: [CommandTree]? = nil, arguments: [Argument]? = nil) {
        self.commandName = commandName
        self.subcommands = subcommands
        self.arguments = arguments
    }

    func subcommand(named name: String) -> CommandTree? {
        subcommands?.first { $0.commandName == name }
    }

    /// Reads the tree from the JSON of `--experimental-dump-help`.
    static func decode(dump: String) -> CommandTree? {
        struct Envelope: Decodable { var command: CommandTree }
        return try? JSONDecoder().decode(Envelope.self, from: Data(dump.utf8)).command
    }
}
