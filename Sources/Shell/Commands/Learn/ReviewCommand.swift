import ArgumentParser
import CLICore
import Exam
import Foundation

/// `review`: the questions spaced repetition says are due.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Answer the missed, unsure and flagged questions that are due again (SM-2 spaced repetition).",
        discussion: "A missed question comes back after 1 day, then 6, then at growing intervals while you keep getting it right."
    )

    @Option(help: "At most this many questions.")
    var count: Int = 20

    func run() throws {
        let services = try Services.open()
        let now = Date()
        let due = try services.database.dueReviewCards(now: now)
        let questions = due.compactMap { services.bank.question(id: $0.questionID) }.prefix(max(count, 0))
        guard !questions.isEmpty else {
            let total = try services.database.reviewCardCount()
            services.console.line(total == 0
                ? "Nothing to review yet: missed and unsure questions from practice and exams come back here."
                : "Nothing is due now; \(total) question(s) are scheduled for later.")
            return
        }
        services.console.line("\(questions.count) question(s) due for review.")
        _ = try PracticeRunner(services: services, source: "review", now: Date.init).run(Array(questions))
    }
}
