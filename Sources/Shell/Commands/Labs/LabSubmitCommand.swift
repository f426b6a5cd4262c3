import ArgumentParser
import Labs

/// `mlopslab lab submit`: grade one last time and record the result.
struct LabSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Grade the lab one last time, record the score (hands-on evidence for its areas on the scorecard) and end it."
    )

    func run() throws {
        let labs = try LabServices.open()
        let pending = try labs.session.pendingDecisions()
        if !pending.isEmpty {
            labs.console.line(labs.style.warn("\(pending.count) decision(s) unanswered; they score 0."))
        }
        let result = try labs.session.submit()
        labs.console.write(LabProgressView(style: labs.style).progress(result, evaluated: true))
        let verdict = result.passed ? labs.style.good("Passed") : labs.style.bad("Not passed")
        let help = result.attempt.solutionViewed ? " (solved with help)" : ""
        labs.console.line("\(verdict)\(help) in \(Int(result.elapsed / 60)) min. The result counts as hands-on evidence for \(result.lab.areas.joined(separator: ", ")) on the scorecard.")
    }
}
