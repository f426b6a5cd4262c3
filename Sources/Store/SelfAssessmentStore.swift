import Foundation
import GRDB

/// The learner's own rating of an area (`red`, `yellow` or `green`).
public struct SelfAssessmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, EpochDates {
    public static let databaseTableName = "self_assessment"

    public var area: String
    public var rating: String
    public var ratedAt: Date

    public init(area: String, rating: String, ratedAt: Date) {
        self.area = area
        self.rating = rating
        self.ratedAt = ratedAt
    }

    enum CodingKeys: String, CodingKey {
        case area, rating
        case ratedAt = "rated_at"
    }
}

extension StateDatabase {
    /// Saves (or replaces) the learner's rating of an area.
    public func saveSelfAssessment(_ record: SelfAssessmentRecord) throws {
        try write { db in try record.save(db) }
    }

    /// Every area the learner rated.
    public func selfAssessments() throws -> [SelfAssessmentRecord] {
        try read { db in try SelfAssessmentRecord.order(Column("area")).fetchAll(db) }
    }
}
