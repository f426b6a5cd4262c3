import ArgumentParser
import CLICore
import Foundation
import Labs

/// `mlopslab labs validate [PATH...]`: every problem of the labs as `file:line: message`.
struct LabsValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check lab folders for every problem: YAML, unknown keys, outline ids, fault kinds and parameters, check kinds, queries, decisions, paths outside the lab.",
        discussion: "Prints one `file:line: message` line per problem and a summary. Exits 1 when there is any problem."
    )

    @Argument(help: "Lab folders, or folders of labs (default: the labs folder).")
    var paths: [String] = []

    func run() throws {
        let context = CommandContext.active
        let outline = try Services.loadOutline()
        let folders = paths.isEmpty ? [LabLocator.defaultFolder(environment: context.environment)] : paths.map { URL(fileURLWithPath: $0) }
        var labs = 0
        var problems: [LabDiagnostic] = []
        for folder in folders {
            let library = LabLibrary.load(folder: folder, outline: outline)
            labs += library.labs.count
            problems += library.diagnostics
        }
        for problem in problems { context.console.line(problem.description) }
        if problems.isEmpty {
            context.console.line("ok: \(labs) lab\(labs == 1 ? "" : "s"), no problems")
        } else {
            context.console.line("\(problems.count) problem\(problems.count == 1 ? "" : "s"); \(labs) valid lab\(labs == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
