import CLICore
import Exam
import Foundation

/// An exam whose time ran out while no process was running it (paused, or its process killed):
/// submitted at the next command that opens the state home, scored as it stood at the deadline
/// (answers after the deadline are never recorded, so the stored progress is that state).
enum ExpiredExam {
    struct Submitted {
        var startedAt: Date
        var result: ExamResult
    }

    /// Submits the open exam when its deadline has passed and no other process is running it
    /// (that process submits it itself). Returns what was submitted, if anything.
    static func submitIfDue(_ services: Services, now: Date) throws -> Submitted? {
        guard let open = try services.database.latestOpenSession(kind: "exam"), let deadline = open.deadline, deadline <= now else {
            return nil
        }
        guard let lease = try ExamLease.tryTake(in: services.context.home) else { return nil }
        defer { lease.release() }
        let store = ExamStore(database: services.database)
        // Read again under the lease: another process may have submitted it meanwhile.
        guard let loaded = try store.openExam(), loaded.record.id == open.id else { return nil }
        let result = try store.submit(loaded, bank: services.bank, now: deadline)
        return Submitted(startedAt: loaded.record.startedAt, result: result)
    }

    /// The one-line notice printed (to the error stream, so JSON output stays clean).
    static func notice(_ submitted: Submitted) -> String {
        let started = ISO8601DateFormatter().string(from: submitted.startedAt)
        let result = submitted.result
        return "note: the exam started \(started) ran out of time and is now submitted as it stood: "
            + "\(result.scaledScore) / \(ScaledScore.maximum), \(result.passed ? "pass" : "fail") (exam history lists it)\n"
    }
}
