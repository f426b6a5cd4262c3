import Foundation
import GRDB

/// One attempt at a lab: when it started and ended, the hints and solution used, the decisions
/// answered, the latest check outcomes (JSON written by the Labs module) and the final score.
public struct LabAttemptRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, EpochDates {
    public static let databaseTableName = "lab_attempt"

    public var id: Int64?
    public var labID: String
    public var labVersion: Int
    /// `active`, `submitted` or `abandoned`.
    public var status: String
    public var startedAt: Date
    public var endedAt: Date?
    public var checksRun: Int
    /// JSON object: check id to the number of hints shown.
    public var hints: String
    public var solutionViewed: Bool
    /// JSON object: decision id to the answer given.
    public var decisions: String
    /// JSON array of check outcomes from the latest `lab check`.
    public var outcomes: String
    public var score: Double?
    public var maxScore: Double?
    /// JSON object: area id to the share of that area's points earned (set on submit).
    public var areaScores: String

    public init(labID: String, labVersion: Int, startedAt: Date) {
        self.labID = labID
        self.labVersion = labVersion
        self.status = "active"
        self.startedAt = startedAt
        self.checksRun = 0
        self.hints = "{}"
        self.solutionViewed = false
        self.decisions = "{}"
        self.outcomes = "[]"
        self.areaScores = "{}"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, status, hints, decisions, outcomes, score
        case labID = "lab_id"
        case labVersion = "lab_version"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case checksRun = "checks_run"
        case solutionViewed = "solution_viewed"
        case maxScore = "max_score"
        case areaScores = "area_scores"
    }
}

extension StateDatabase {
    /// Inserts a new attempt and returns it with its id.
    public func insertLabAttempt(_ record: LabAttemptRecord) throws -> LabAttemptRecord {
        try write { db in
            var copy = record
            try copy.insert(db)
            return copy
        }
    }

    /// Saves changes to an existing attempt.
    public func updateLabAttempt(_ record: LabAttemptRecord) throws {
        try write { db in try record.update(db) }
    }

    public func labAttempt(id: Int64) throws -> LabAttemptRecord? {
        try read { db in try LabAttemptRecord.fetchOne(db, key: id) }
    }

    /// Submitted attempts, oldest first.
    public func submittedLabAttempts() throws -> [LabAttemptRecord] {
        try read { db in try LabAttemptRecord.filter(Column("status") == "submitted").order(Column("started_at"), Column("id")).fetchAll(db) }
    }

    /// Every attempt, oldest first.
    public func labAttempts() throws -> [LabAttemptRecord] {
        try read { db in try LabAttemptRecord.order(Column("started_at"), Column("id")).fetchAll(db) }
    }
}
