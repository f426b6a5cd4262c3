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

    /// Every recorded answer, oldest first.
    public func allAnswers() throws -> [AnswerRecord] {
        try read { db in try AnswerRecord.order(Column("answered_at"), Column("id")).fetchAll(db) }
    }

    /// How many answers are recorded.
    public func answerCount() throws -> Int {
        try read { db in try AnswerRecord.fetchCount(db) }
    }
}
