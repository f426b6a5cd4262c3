import ArgumentParser
import CLICore
import Exam

/// `mlopslab packs validate [PATH...]`: every problem of the packs as `file:line:column: message`.
struct PacksValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pack files for every problem (YAML syntax, unknown keys, types, answer keys, rationales, ids, areas, objectives).",
        discussion: "Prints one `file:line:column: message` line per problem and a summary. Exits 1 when there is any problem."
    )

    @OptionGroup var input: PacksPathArguments

    func run() throws {
        let context = CommandContext.active
        let (_, result) = try input.load(context: context)
        let console = context.console
        for diagnostic in result.diagnostics { console.line(diagnostic.description) }
        let questions = result.bank.questions.count
        let files = result.files.count
        if result.diagnostics.isEmpty {
            console.line("ok: \(files) file\(files == 1 ? "" : "s"), \(result.bank.packs.count) pack\(result.bank.packs.count == 1 ? "" : "s"), \(questions) question\(questions == 1 ? "" : "s"), no problems")
        } else {
            let problems = result.diagnostics.count
            let badFiles = Set(result.diagnostics.map(\.file))
            let named = badFiles.union(result.files).count
            console.line("\(problems) problem\(problems == 1 ? "" : "s") in \(badFiles.count) of \(named) file\(named == 1 ? "" : "s"); \(questions) question\(questions == 1 ? "" : "s") loaded")
            throw ExitCode(1)
        }
    }
}
