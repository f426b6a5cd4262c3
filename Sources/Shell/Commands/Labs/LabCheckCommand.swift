import ArgumentParser
import Labs

/// `mlopslab lab check`: grade the lab as it stands now.
struct LabCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade the lab as it stands: each check with pass or what is still wrong, and the score so far with partial credit."
    )

    func run() throws {
        let labs = try LabServices.open()
        let progress = try labs.session.check()
        labs.console.write(LabProgressView(style: labs.style).progress(progress, evaluated: true))
        if progress.outcomes.allSatisfy(\.passed) {
            let pending = try labs.session.pendingDecisions()
            labs.console.line(labs.style.good("Every check passes.") + (pending.isEmpty ? " Submit with `lab submit`." : " Answer the decisions (`lab decide`), then `lab submit`."))
        }
    }
}
