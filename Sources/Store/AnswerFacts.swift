import Foundation
import GRDB

/// Recorded answers that agree on everything the readiness model looks at except the time:
/// one group per (area, objective, difficulty, correct, don't know, confidence, source), with its
/// answers counted per UTC day.
public struct AnswerFactGroup: Sendable, Equatable {
    public var area: String
    public var objective: String
    public var difficulty: String
    public var correct: Bool
    public var dontKnow: Bool
    public var confidence: String
    public var source: String
    /// The group's answers per day, oldest day first.
    public var days: [AnswerDay]
}

/// The answers of one group given on one UTC day.
public struct AnswerDay: Sendable, Equatable {
    public var count: Int
    /// The mean of their times.
    public var meanAnsweredAt: Date
    /// The latest of their times.
    public var lastAnsweredAt: Date
}

extension StateDatabase {
    /// Every recorded answer, grouped as `AnswerFactGroup`s ordered by area, objective,
    /// difficulty, confidence and source.
    ///
    /// Read from the `answer_day` tallies (`AnswerDayTally`), which triggers keep in step with the
    /// answer log, so 100,000 answers cost a few thousand rows.
    public func answerFactGroups() throws -> [AnswerFactGroup] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT area, objective, difficulty, confidence, source, correct, dont_know, count, sum_at, max_at FROM answer_day
                WHERE count > 0 ORDER BY area, objective, difficulty, confidence, source, correct, dont_know, day
                """)
            var groups: [AnswerFactGroup] = []
            while let row = try rows.next() {
                let count: Int = row["count"]
                let sumAt: Double = row["sum_at"]
                let day = AnswerDay(
                    count: count, meanAnsweredAt: Date(timeIntervalSince1970: sumAt / Double(count)),
                    lastAnsweredAt: Date(timeIntervalSince1970: row["max_at"]))
                let group = AnswerFactGroup(
                    area: row["area"], objective: row["objective"], difficulty: row["difficulty"],
                    correct: row["correct"], dontKnow: row["dont_know"], confidence: row["confidence"], source: row["source"],
                    days: [day])
                if let last = groups.last, last.sameKey(as: group) {
                    groups[groups.count - 1].days.append(day)
                } else {
                    groups.append(group)
                }
            }
            return groups
        }
    }
}

extension AnswerFactGroup {
    func sameKey(as other: AnswerFactGroup) -> Bool {
        area == other.area && objective == other.objective && difficulty == other.difficulty && correct == other.correct
            && dontKnow == other.dontKnow && confidence == other.confidence && source == other.source
    }
}

extension StateDatabase {
    /// The ids of every question answered at least once.
    public func answeredQuestionIDs() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT question_id FROM answer")) }
    }
}
