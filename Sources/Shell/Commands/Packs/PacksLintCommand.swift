import ArgumentParser
import CLICore
import Exam

/// `mlopslab packs lint [PATH...]`: the content quality rules, as findings.
struct PacksLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the bank's quality rules: rationales, (near-)duplicate stems, key position and length bias, coverage minimums.",
        discussion: "Prints `file:line:column: [rule] message` (or `bank: [rule] message`) per finding and exits 1 when there is any. Coverage minimums (per area, objective, type) apply to the whole bank: they run when no PATH is given, or with --coverage."
    )

    @OptionGroup var input: PacksPathArguments

    @Flag(inversion: .prefixedNo, help: "Check the bank-wide minimums (areas, objectives, types, case studies). Default: on without PATH, off with PATH.")
    var coverage: Bool?

    func run() throws {
        let context = CommandContext.active
        let (outline, result) = try input.load(context: context)
        let console = context.console
        for diagnostic in result.diagnostics { console.line(diagnostic.description) }
        let findings = BankLinter(outline: outline).lint(result.bank, coverage: coverage ?? input.paths.isEmpty)
        for finding in findings { console.line(finding.description) }
        let questions = result.bank.questions.count
        if findings.isEmpty && result.diagnostics.isEmpty {
            console.line("ok: \(questions) questions, no findings")
            return
        }
        var summary = "\(findings.count) finding\(findings.count == 1 ? "" : "s") in \(questions) questions"
        if !result.diagnostics.isEmpty { summary += "; \(result.diagnostics.count) validation problem\(result.diagnostics.count == 1 ? "" : "s")" }
        console.line(summary)
        throw ExitCode(1)
    }
}
