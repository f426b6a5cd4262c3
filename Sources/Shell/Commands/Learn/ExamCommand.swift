import ArgumentParser

/// `exam`: the timed mock exam.
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Sit a timed mock exam drawn to the outline's domain weights, scored 1-1000 (700 to pass).",
        subcommands: [ExamStartCommand.self, ExamResumeCommand.self, ExamAbandonCommand.self, ExamHistoryCommand.self],
        defaultSubcommand: ExamStartCommand.self
    )
}
