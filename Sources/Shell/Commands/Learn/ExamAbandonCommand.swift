import ArgumentParser
import CLICore

/// `exam abandon`: discard the exam in progress without scoring it.
struct ExamAbandonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abandon",
        abstract: "Discard the mock exam in progress (it is not scored)."
    )

    func run() throws {
        let services = try Services.open()
        let lease = try ExamLease.take(in: services.context.home)
        defer { lease.release() }
        let store = ExamStore(database: services.database)
        guard let open = try store.openExam() else { throw CLIError.invalidInput("no exam in progress") }
        try store.abandon(open.record)
        services.console.line("The exam in progress is abandoned.")
    }
}
