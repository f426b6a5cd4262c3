import ArgumentParser

/// `mlopslab labs`: tools for lab authors.
struct LabsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labs",
        abstract: "For lab authors: validate lab folders, self-test labs, list the fault catalogue.",
        discussion: "With no PATH, commands use $MLOPSLAB_LABS, else the repository's labs/ folder, else ./labs. docs/authoring-labs.md describes the format.",
        subcommands: [LabsValidateCommand.self, LabsTestCommand.self, LabsFaultsCommand.self]
    )
}
