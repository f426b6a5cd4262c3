import Foundation

/// What a command needs from its surroundings: the state home and the console.
///
/// ArgumentParser commands have no parameters on `run()`, so the REPL and the one-shot entry
/// point bind the context as a task-local value for the duration of one command.
public final class CommandContext: @unchecked Sendable {
    public let home: StateHome
    public let console: any Console
    /// True when the command was typed inside the REPL (it must not end the process).
    public let inRepl: Bool
    /// Process environment as seen by the command (tests may replace it).
    public let environment: [String: String]

    public init(home: StateHome, console: any Console, inRepl: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home
        self.console = console
        self.inRepl = inRepl
        self.environment = environment
    }

    /// The context of the command being run.
    @TaskLocal public static var current: CommandContext?

    /// The current context; one-shot commands run outside `withValue` get a default over the standard streams.
    public static var active: CommandContext {
        if let current { return current }
        return CommandContext(home: StateHome.resolve(option: nil), console: StandardConsole(), inRepl: false)
    }
}
