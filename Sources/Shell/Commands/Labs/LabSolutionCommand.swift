import ArgumentParser
import Labs

/// `mlopslab lab solution [--give-up]`: the reference solution and why it works.
struct LabSolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Show the reference solution with its explanation. The attempt then counts as solved with help.",
        discussion: "Available after at least one `lab check`, or at once with --give-up."
    )

    @Flag(help: "Show it without having checked the lab first.")
    var giveUp = false

    func run() throws {
        let labs = try LabServices.open()
        let lab = try labs.session.solution(giveUp: giveUp)
        labs.console.line(labs.style.strong("Reference solution for \(lab.id)") + " (this attempt now counts as solved with help)")
        labs.console.line()
        labs.console.line(TextWrap.wrap(lab.solution.explanation.trimmingCharacters(in: .whitespacesAndNewlines)))
        labs.console.line()
        for (index, step) in lab.solution.steps.enumerated() {
            labs.console.line("\(index + 1). \(step.summary)")
        }
        if !lab.solution.decisions.isEmpty {
            labs.console.line()
            labs.console.line("Decisions: " + lab.solution.decisions.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
        }
    }
}
