import ArgumentParser
import CLICore
import Exam

/// `mlopslab packs list [PATH...]`: one line per pack.
struct PacksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the packs: id, title, version, question count and file."
    )

    @OptionGroup var input: PacksPathArguments

    func run() throws {
        let context = CommandContext.active
        let (_, result) = try input.load(context: context)
        var table = TextTable(headers: ["pack", "version", "questions", "case studies", "title", "file"], numeric: [1, 2, 3])
        for pack in result.bank.packs {
            table.add([pack.id, "\(pack.version)", "\(pack.allQuestions.count)", "\(pack.caseStudies.count)", pack.title, pack.path])
        }
        context.console.write(table.render())
        context.console.line("\(result.bank.packs.count) packs, \(result.bank.questions.count) questions")
        if !result.diagnostics.isEmpty {
            context.console.writeError("warning: \(result.diagnostics.count) problems in the packs; questions with problems are left out. Run `mlopslab packs validate`.\n")
        }
    }
}
