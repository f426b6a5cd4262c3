import ArgumentParser
import CLICore
import Foundation

/// `exam resume`: continue the exam in progress, with the time it has left.
struct ExamResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue the mock exam in progress; its clock kept running while it was paused."
    )

    func run() throws {
        let services = try Services.open(submittingExpiredExam: false)
        let lease = try ExamLease.take(in: services.context.home)
        defer { lease.release() }
        let store = ExamStore(database: services.database)
        guard let open = try store.openExam() else {
            throw CLIError.invalidInput("no exam in progress; start one with: exam")
        }
        try ExamRunner(services: services, store: store, now: Date.init).run(open)
    }
}
