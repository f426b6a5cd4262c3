import ArgumentParser
import CLICore
import Foundation
import Labs

/// `mlopslab lab start ID`: a fresh lab workspace and working folder, and the brief.
struct LabStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a lab: build its workspace (with its fault) and working folder, and show the brief.",
        discussion: "Starting a lab while another is in progress abandons the other. In the REPL the working directory moves to the lab's working folder."
    )

    @Argument(help: "The lab id (see `lab list`).")
    var id: String

    func run() throws {
        let context = CommandContext.active
        let labs = try LabServices.open(context)
        let started = try labs.session.start(id)
        if let abandoned = started.abandoned {
            labs.console.line(labs.style.warn("The attempt at \(abandoned) was abandoned."))
        }
        labs.console.write(LabProgressView(style: labs.style).brief(started.progress.lab))
        labs.console.line()
        labs.console.line("Working folder: \(started.places.work.path)")
        if context.inRepl, FileManager.default.changeCurrentDirectoryPath(started.places.work.path) {
            labs.console.line("(the REPL now works in it; az and the other workspace commands act on the lab's workspace)")
        } else {
            labs.console.line("cd there to work; az and the other workspace commands now act on the lab's workspace.")
        }
        labs.console.line("Then: lab check (grade it as it stands), lab hint, lab decide, lab submit.")
    }
}
