import ArgumentParser
import Labs

/// `mlopslab lab reset`: back to the exact starting state.
struct LabResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put the lab's workspace and working folder back to their exact starting state (time and hints keep counting)."
    )

    func run() throws {
        let labs = try LabServices.open()
        let places = try labs.session.reset()
        labs.console.line("The lab is back at its starting state. Working folder: \(places.work.path)")
    }
}
