import ArgumentParser
import Exam
import Foundation

/// `exam history`: past results, oldest first.
struct ExamHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List submitted mock exams with their scaled scores."
    )

    func run() throws {
        let services = try Services.open()
        let submitted = try services.database.sessions(kind: "exam", status: "submitted")
        guard !submitted.isEmpty else {
            services.console.line("No exam submitted yet.")
            return
        }
        let formatter = ISO8601DateFormatter()
        for record in submitted {
            guard let data = record.result, let result = try? JSONDecoder().decode(ExamResult.self, from: data) else { continue }
            services.console.line("\(formatter.string(from: record.submittedAt ?? record.startedAt))  \(result.scaledScore) / 1000  \(result.passed ? "pass" : "fail")  (\(result.raw) of \(result.items) raw)")
        }
    }
}
