import ArgumentParser
import Labs

/// `mlopslab lab hint [CHECK] [--yes]`: the next hint, after saying what it costs.
struct LabHintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show the next hint for a failing check. Hints cost points: without --yes it only says how many."
    )

    @Argument(help: "The check to get a hint for (default: the first check that failed at the last `lab check`).")
    var check: String?

    @Flag(help: "Show the hint and pay its cost.")
    var yes = false

    func run() throws {
        let labs = try LabServices.open()
        switch try labs.session.hint(checkID: check, confirm: yes) {
        case .allPassing:
            labs.console.line("Every check passed at the last `lab check`; no hint needed.")
        case .noneLeft(let check):
            labs.console.line("No more hints for \(check.id). `lab solution` shows the reference solution (the attempt then counts as solved with help).")
        case .costNotice(let check, let cost, let remaining):
            labs.console.line("A hint for \(check.id) costs \(LabProgressView.points(cost)) of its \(LabProgressView.points(check.weight)) points (\(remaining) left). Run `lab hint \(check.id) --yes` to see it.")
        case .shown(let check, let hint, let number, let cost):
            labs.console.line("Hint \(number) of \(check.hints.count) for \(check.id) (−\(LabProgressView.points(cost)) pt): \(hint)")
        }
    }
}
