import ArgumentParser
import AzCLI
import MLCommands

/// The command table shared by one-shot runs (`mlopslab practice ...`) and the REPL.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlopslab",
        abstract: "Practise for AI-300 (Azure ML operations): exam-style drills, a timed mock exam, a readiness scorecard, and real ML on your data.",
        discussion: """
        Run without a command to open the REPL. Global option: --home DIR (or MLOPSLAB_HOME) chooses the state home, default ~/.mlopslab.
        """,
        version: Entry.version,
        subcommands: [
            PracticeCommand.self, ReviewCommand.self, ExamCommand.self, SelfAssessCommand.self, ScorecardCommand.self,
            PacksCommand.self, MLCommand.self, AzCommand.self, LineageCommand.self, ClockCommand.self, CostCommand.self, ServeCommand.self,
            TrafficCommand.self, MonitorCommand.self, AlertsCommand.self, LabCommand.self, LabsCommand.self,
        ]
    )
}
