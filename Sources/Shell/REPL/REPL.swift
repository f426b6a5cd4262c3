import CLICore
import Foundation

/// The interactive loop: read a line, run it as a command, repeat until `exit` or end of input.
struct REPL {
    let context: CommandContext

    func run() -> Int32 {
        var last: Int32 = 0
        while true {
            switch context.console.readLine(prompt: "mlopslab> ") {
            case .endOfInput:
                return last
            case .interrupted:
                continue
            case .line(let text):
                let words = text.split(separator: " ").map(String.init)
                if words.isEmpty { continue }
                if words == ["exit"] || words == ["quit"] { return last }
                last = CommandRunner.run(words: words, context: context)
            }
        }
    }
}
