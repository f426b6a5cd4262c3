import ArgumentParser
import AzCLI
import CLICore
import Foundation

/// The process entry: splits off global options, then opens the REPL or runs one command.
public enum Entry {
    /// mlopslab's version, printed by `--version`.
    public static let version = "0.1.0"

    /// Runs mlopslab with `arguments` (without the program name) and returns the exit status.
    public static func run(arguments: [String]) -> Int32 {
        let globals: GlobalOptions
        do {
            globals = try GlobalOptions.extract(from: arguments)
        } catch {
            FileDescriptorWriter.write("error: \(error)\n", to: STDERR_FILENO)
            return 2
        }
        let home = StateHome.resolve(option: globals.home)
        let console = makeConsole(home: home)
        if globals.rest.isEmpty {
            let context = CommandContext(home: home, console: console, inRepl: true)
            return CommandContext.$current.withValue(context) { REPL(context: context).run() }
        }
        let context = CommandContext(home: home, console: console, inRepl: false)
        var words = globals.rest
        if words.first == "help" {
            let asked = Array(words.dropFirst())
            if let problem = HelpRequest.problem(with: asked) {
                console.writeError("error: \(problem.message)\n")
                return problem.exitCode
            }
            words = asked + ["--help"]
        }
        return CommandContext.$current.withValue(context) { CommandRunner.run(words: words, context: context) }
    }

    /// libedit on a terminal (history in the state home, Tab completion built at the first Tab);
    /// plain lines otherwise.
    static func makeConsole(home: StateHome) -> any Console {
        let plain = StandardConsole()
        guard plain.isInteractive, (try? home.ensureExists()) != nil else { return plain }
        let completer = {
            Completer(
                tree: (CommandTree.decode(dump: CommandRunner.helpDump()) ?? CommandTree(commandName: "mlopslab")).addingAzCommands(AzRunner.commands),
                builtins: REPL.builtins, values: CompletionValues().values(for:))
        }
        return EditLineConsole(historyURL: home.historyURL, completer: completer, colorEnabled: plain.colorEnabled) ?? plain
    }

    /// Ends the process with `status` after flushing output.
    public static func terminate(_ status: Int32) -> Never {
        fflush(nil)
        exit(status)
    }
}

/// Options that apply to every command and may stand before the command name.
struct GlobalOptions: Equatable {
    var home: String?
    var rest: [String]

    /// Takes `--home DIR` / `--home=DIR` from anywhere before a `--` and returns the other words.
    static func extract(from arguments: [String]) throws -> GlobalOptions {
        var home: String?
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                rest.append(contentsOf: arguments[index...])
                break
            }
            if word == "--home" {
                guard index + 1 < arguments.count else { throw CLIError.invalidInput("--home needs a folder, e.g. --home ~/.mlopslab") }
                home = arguments[index + 1]
                index += 2
                continue
            }
            if word.hasPrefix("--home=") {
                home = String(word.dropFirst("--home=".count))
                index += 1
                continue
            }
            rest.append(word)
            index += 1
        }
        return GlobalOptions(home: home, rest: rest)
    }
}
