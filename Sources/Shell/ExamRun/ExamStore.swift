import CLICore
import Exam
import Foundation
import Store

/// Loads and saves mock exams in the state database (form and progress as JSON).
struct ExamStore {
    let database: StateDatabase

    struct Loaded {
        var record: SessionRecord
        var form: ExamForm
        var progress: ExamProgress
    }

    /// Environment variable that overrides the exam's length in seconds. A test hook only: the
    /// end-to-end tests use it to run out an exam's clock in a few seconds.
    static let testSecondsVariable = "MLOPSLAB_TEST_EXAM_SECONDS"

    /// The exam's length: `minutes`, unless the test hook gives a positive number of seconds.
    static func duration(minutes: Int, environment: [String: String]) -> TimeInterval {
        if let text = environment[testSecondsVariable], let seconds = Double(text), seconds > 0 { return seconds }
        return Double(minutes) * 60
    }

    func create(form: ExamForm, seed: UInt64, now: Date, duration: TimeInterval) throws -> Loaded {
        let record = try database.createSession(SessionRecord(
            kind: "exam", status: "open", startedAt: now, deadline: now.addingTimeInterval(duration),
            seed: Int64(bitPattern: seed), form: try JSONEncoder().encode(form), position: try JSONEncoder().encode(ExamProgress())))
        return Loaded(record: record, form: form, progress: ExamProgress())
    }

    func openExam() throws -> Loaded? {
        guard let record = try database.latestOpenSession(kind: "exam") else { return nil }
        return try decode(record)
    }

    func decode(_ record: SessionRecord) throws -> Loaded {
        do {
            let form = try JSONDecoder().decode(ExamForm.self, from: record.form)
            let progress = try JSONDecoder().decode(ExamProgress.self, from: record.position)
            return Loaded(record: record, form: form, progress: progress)
        } catch {
            throw CLIError.invalidInput("exam \(record.id ?? 0) in the state database cannot be read (\(error)); abandon it with: exam abandon")
        }
    }

    /// Saves the exam's progress; fails when another process has closed the exam meanwhile.
    func save(_ progress: ExamProgress, of record: SessionRecord) throws {
        guard let id = record.id else { return }
        guard try database.saveOpenSessionPosition(try JSONEncoder().encode(progress), id: id) else {
            throw CLIError.invalidInput("this exam was submitted or abandoned by another mlopslab process; nothing more is saved (see: exam history)")
        }
    }

    /// Question ids used by the `count` most recent exams, to keep consecutive forms apart.
    func recentlyUsedQuestions(count: Int) throws -> Set<String> {
        let recent = try database.sessions(kind: "exam").suffix(count)
        var ids = Set<String>()
        for record in recent {
            if let form = try? JSONDecoder().decode(ExamForm.self, from: record.form) { ids.formUnion(form.slots.map(\.questionID)) }
        }
        return ids
    }

    /// Scores and closes the exam; its answers become readiness evidence.
    func submit(_ loaded: Loaded, bank: Bank, now: Date) throws -> ExamResult {
        let result = ExamResult.score(form: loaded.form, progress: loaded.progress, bank: bank)
        var record = loaded.record
        record.status = "submitted"
        record.submittedAt = now
        record.position = try JSONEncoder().encode(loaded.progress)
        record.result = try JSONEncoder().encode(result)
        var answers: [AnswerRecord] = []
        for (index, slot) in loaded.form.slots.enumerated() {
            guard let given = loaded.progress.responses[index], let question = bank.question(id: slot.questionID) else { continue }
            answers.append(AnswerRecord(
                questionID: question.id, part: slot.part, area: question.area, objective: question.objective,
                difficulty: question.difficulty.rawValue, correct: result.correctBySlot.indices.contains(index) && result.correctBySlot[index],
                dontKnow: given.response == .dontKnow, confidence: given.confidence.rawValue,
                response: ResponseText.encode(given.response), answeredAt: now, source: "exam", sessionID: record.id))
        }
        try database.submitExam(record, answers: answers)
        return result
    }

    func abandon(_ record: SessionRecord) throws {
        var copy = record
        copy.status = "abandoned"
        try database.updateSession(copy)
    }
}
