import Foundation
import GRDB

/// The spaced-repetition state of one question.
public struct ReviewCardRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, EpochDates {
    public static let databaseTableName = "srs_card"

    public var questionID: String
    public var ease: Double
    public var intervalDays: Double
    public var repetitions: Int
    public var lapses: Int
    public var dueAt: Date
    public var lastReviewedAt: Date

    public init(questionID: String, ease: Double, intervalDays: Double, repetitions: Int, lapses: Int, dueAt: Date, lastReviewedAt: Date) {
        self.questionID = questionID
        self.ease = ease
        self.intervalDays = intervalDays
        self.repetitions = repetitions
        self.lapses = lapses
        self.dueAt = dueAt
        self.lastReviewedAt = lastReviewedAt
    }

    enum CodingKeys: String, CodingKey {
        case ease, repetitions, lapses
        case questionID = "question_id", intervalDays = "interval_days", dueAt = "due_at", lastReviewedAt = "last_reviewed_at"
    }
}

extension StateDatabase {
    public func reviewCard(questionID: String) throws -> ReviewCardRecord? {
        try read { db in try ReviewCardRecord.fetchOne(db, key: questionID) }
    }

    public func saveReviewCard(_ card: ReviewCardRecord) throws {
        try write { db in try card.save(db) }
    }

    /// Cards due at or before `now`, most overdue first.
    public func dueReviewCards(now: Date) throws -> [ReviewCardRecord] {
        try read { db in
            try ReviewCardRecord.filter(Column("due_at") <= now.timeIntervalSince1970).order(Column("due_at")).fetchAll(db)
        }
    }

    public func reviewCardCount() throws -> Int {
        try read { db in try ReviewCardRecord.fetchCount(db) }
    }
}
