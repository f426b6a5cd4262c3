import ArgumentParser
import Labs

/// `mlopslab lab status`: the attempt as of the last check, without running anything.
struct LabStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the lab in progress: each check as of the last `lab check`, decisions, hints, time and the score so far."
    )

    func run() throws {
        let labs = try LabServices.open()
        let progress = try labs.session.status()
        labs.console.write(LabProgressView(style: labs.style).progress(progress, evaluated: false))
        labs.console.line("Working folder: \(try labs.session.places().work.path)")
    }
}
