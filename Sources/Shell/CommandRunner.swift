import ArgumentParser
import CLICore
import Foundation
import Labs

/// Parses one command line with the root command table and runs it, turning every error into a
/// printed message and an exit status. Used by one-shot runs and by each REPL line.
enum CommandRunner {
    /// The command table as ArgumentParser's JSON help dump (used to drive Tab completion).
    static func helpDump() -> String {
        do {
            _ = try RootCommand.parseAsRoot(["--experimental-dump-help"])
            return ""
        } catch {
            return RootCommand.fullMessage(for: error)
        }
    }

    /// Commands that act on the simulated workspace; while a lab is in progress they act on the lab's.
    static let workspaceCommands: Set<String> = ["az", "lineage", "clock", "cost", "serve", "traffic", "monitor", "alerts"]

    static func run(words: [String], context: CommandContext) -> Int32 {
        // An unknown command name gets one line with the closest names, not the usage screen.
        if let first = words.first, !first.hasPrefix("-"), let problem = HelpRequest.problem(with: [first]) {
            context.console.writeError("error: \(problem.message)\n")
            return problem.exitCode
        }
        if let first = words.first, workspaceCommands.contains(first) {
            let workspace = ActiveLab.workspaceHome(for: context.home.url)
            if workspace != context.home.url {
                let labContext = CommandContext(home: StateHome(url: workspace), console: context.console, inRepl: context.inRepl, environment: context.environment)
                return CommandContext.$current.withValue(labContext) { execute(words: words, context: labContext) }
            }
        }
        return execute(words: words, context: context)
    }

    private static func execute(words: [String], context: CommandContext) -> Int32 {
        let console = context.console
        do {
            var command = try RootCommand.parseAsRoot(words)
            try command.run()
            return 0
        } catch let error as any UserFacingError {
            console.writeError("error: \(error.message)\n")
            return error.exitCode
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = RootCommand.exitCode(for: error).rawValue
            let text = RootCommand.fullMessage(for: error)
            if code == 0 {
                console.write(text.hasSuffix("\n") ? text : text + "\n")
            } else {
                console.writeError(text.hasSuffix("\n") ? text : text + "\n")
            }
            return code
        }
    }
}
