import CLICore
import Foundation

/// The interactive loop: read a line, run it as a command of the shared table, repeat until
/// `exit`, `quit` or end of input. No command ends the process; errors are printed and the loop
/// goes on. On a terminal, lines come from libedit (history, Tab completion); otherwise plain
/// lines are read without prompts, so `mlopslab < session.txt` behaves like a typed session.
///
/// Exit status: 0 after `exit`/`quit` (or `exit N` for N) and after Ctrl-D at a terminal; at the
/// end of a piped script, the status of its last command, so a failing script fails.
struct REPL {
    let context: CommandContext

    static let builtins = ["help", "exit", "quit"]

    /// What `help` adds under the command list in the REPL.
    static let builtinsHelp = """
    REPL:
      help [COMMAND ...]      Show help for a command (help exam resume).
      exit, quit              Leave the REPL (Ctrl-D too). Ctrl-C cancels the line being typed.
    """

    func run() -> Int32 {
        let console = context.console
        if console.isInteractive {
            console.line("mlopslab \(Entry.version): AI-300 practice. Type help for commands, Tab to complete, Ctrl-D to leave.")
        }
        var last: Int32 = 0
        while true {
            switch console.readLine(prompt: "mlopslab> ") {
            case .endOfInput:
                return console.isInteractive ? 0 : last
            case .interrupted:
                continue
            case .line(let text):
                let words: [String]
                do {
                    words = try LineTokenizer.words(text)
                } catch {
                    console.writeError("error: \(error)\n")
                    last = 2
                    continue
                }
                guard let first = words.first, !first.hasPrefix("#") else { continue }
                switch first {
                case "exit", "quit":
                    guard let status = Self.exitStatus(Array(words.dropFirst())) else {
                        console.writeError("error: \(first) takes at most a status number from 0 to 255, e.g. \(first) 1\n")
                        last = 2
                        continue
                    }
                    return status
                case "help":
                    last = help(Array(words.dropFirst()))
                default:
                    last = CommandRunner.run(words: words, context: context)
                }
            }
        }
    }

    /// `exit` → 0, `exit N` → N (0-255); nil for anything else.
    static func exitStatus(_ arguments: [String]) -> Int32? {
        guard let word = arguments.first else { return 0 }
        guard arguments.count == 1, let status = Int32(word), (0...255).contains(status) else { return nil }
        return status
    }

    private func help(_ words: [String]) -> Int32 {
        if let problem = HelpRequest.problem(with: words) {
            context.console.writeError("error: \(problem.message)\n")
            return problem.exitCode
        }
        let status = CommandRunner.run(words: words + ["--help"], context: context)
        if words.isEmpty { context.console.line(Self.builtinsHelp) }
        return status
    }
}
