import Foundation
import GRDB

/// One recorded answer (one statement of a yes-no series is one answer, with its `part`).
public struct AnswerRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var questionID: String
    /// Statement index for yes-no series, 0 otherwise.
    public var part: Int
    public var area: String
    public var objective: String
    public var difficulty: String
    public var correct: Bool
    public var dontKnow: Bool
    public var confidence: String
    /// The response as typed, normalised (e.g. `a,c`).
    public var response: String
    public var answeredAt: Date
    /// `practice`, `review` or `exam`.
    public var source: String
    public var sessionID: Int64?

    public init(
        questionID: String, part: Int = 0, area: String, objective: String, difficulty: String, correct: Bool,
        dontKnow: Bool, confidence: String, response: String, answeredAt: Date, source: String, sessionID: Int64? = nil
    ) {
        self.questionID = questionID
        self.part = part
        self.area = area
        self.objective = objective
        self.difficulty = difficulty
        self.correct = correct
        self.dontKnow = dontKnow
        self.confidence = confidence
        self.response = response
        self.answeredAt = answeredAt
        self.source = source
        self.sessionID = sessionID
    }

    enum CodingKeys: String, CodingKey {
        case id, part, area, objective, difficulty, correct, confidence, response, source
        case questionID = "question_id", dontKnow = "dont_know", answeredAt = "answered_at", sessionID = "session_id"
    }
}

extension AnswerRecord: FetchableRecord, MutablePersistableRecord, EpochDates {
    public static let databaseTableName = "answer"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StateDatabase {
    /// Saves answers at once, in one transaction, and returns them with their ids.
    @discardableResult
    public func record(_ answers: [AnswerRecord]) throws -> [AnswerRecord] {
        try write { db in
            var saved: [AnswerRecord] = []
            for var answer in answers {
                try answer.insert(db)
                saved.append(answer)
            }
            return saved
        }
    }

    /// Every recorded answer, oldest first. Rows are read by column position rather than decoded
    /// through Codable, which keeps the scorecard over 100,000 answers fast.
    public func allAnswers() throws -> [AnswerRecord] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, question_id, part, area, objective, difficulty, correct, dont_know, confidence,
                       response, answered_at, source, session_id
                FROM answer ORDER BY answered_at, id
                """)
            var answers: [AnswerRecord] = []
            while let row = try rows.next() {
                var answer = AnswerRecord(
                    questionID: row[1], part: row[2], area: row[3], objective: row[4], difficulty: row[5],
                    correct: row[6], dontKnow: row[7], confidence: row[8], response: row[9],
                    answeredAt: Date(timeIntervalSince1970: row[10]), source: row[11], sessionID: row[12])
                answer.id = row[0]
                answers.append(answer)
            }
            return answers
        }
    }

    /// How many answers are recorded.
    public func answerCount() throws -> Int {
        try read { db in try AnswerRecord.fetchCount(db) }
    }
}

