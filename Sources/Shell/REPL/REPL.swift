import CLICore
import Foundation

/// The interactive loop: read a line, run it as a command of the shared table, repeat until
/// `exit`, `quit` or end of input. No command ends the process; errors are printed and the loop
/// goes on. On a terminal, lines come from libedit (history, Tab completion); otherwise plain
/// lines are read without prompts, so `mlopslab < session.txt` behaves like a typed session.
struct REPL {
    let context: CommandContext

    static let builtins = ["help", "exit", "quit"]

    func run() -> Int32 {
        let console = context.console
        if console.isInteractive {
            console.line("mlopslab \(Entry.version): AI-300 practice. Type help for commands, Tab to complete, Ctrl-D to leave.")
        }
        var last: Int32 = 0
        while true {
            switch console.readLine(prompt: "mlopslab> ") {
            case .endOfInput:
                return last
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
                    return last
                case "help":
                    last = CommandRunner.run(words: Array(words.dropFirst()) + ["--help"], context: context)
                default:
                    last = CommandRunner.run(words: words, context: context)
                }
            }
        }
    }
}
