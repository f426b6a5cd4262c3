import ArgumentParser

/// `mlopslab packs`: check, list, count and export the scenario packs.
struct PacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packs",
        abstract: "Validate, lint, list, count and export the scenario packs (the question bank).",
        discussion: "With no PATH, commands use the default bank: $MLOPSLAB_SCENARIOS, else the repository's scenarios/ folder, else ./scenarios.",
        subcommands: [PacksValidateCommand.self, PacksLintCommand.self, PacksListCommand.self, PacksStatsCommand.self, PacksExportCommand.self]
    )
}
