import Foundation
import Testing
@testable import Store

@Suite struct AnswerFactsTests {
    @Test func groupsCarryEveryFieldTheModelNeedsAndEveryAnswerTime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-facts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try StateDatabase(url: folder.appendingPathComponent("state.sqlite"))
        try database.record([
            AnswerRecord(questionID: "a", area: "cicd", objective: "1.3c", difficulty: "hard", correct: true, dontKnow: false,
                         confidence: "sure", response: "1", answeredAt: Date(timeIntervalSince1970: 10), source: "exam"),
            AnswerRecord(questionID: "b", area: "cost-management", objective: "1.1c", difficulty: "easy", correct: false, dontKnow: true,
                         confidence: "unstated", response: "?", answeredAt: Date(timeIntervalSince1970: 20), source: "practice"),
            AnswerRecord(questionID: "a", area: "cicd", objective: "1.3c", difficulty: "hard", correct: false, dontKnow: false,
                         confidence: "unsure", response: "0", answeredAt: Date(timeIntervalSince1970: 30), source: "review"),
        ])
        try database.record([
            AnswerRecord(questionID: "c", area: "cicd", objective: "1.3c", difficulty: "hard", correct: true, dontKnow: false,
                         confidence: "sure", response: "1", answeredAt: Date(timeIntervalSince1970: 40), source: "exam"),
        ])
        let groups = try database.answerFactGroups()
        #expect(groups.map(\.area) == ["cicd", "cicd", "cost-management"])
        #expect(groups.map(\.objective) == ["1.3c", "1.3c", "1.1c"])
        #expect(groups.map(\.difficulty) == ["hard", "hard", "easy"])
        #expect(groups.map(\.correct) == [true, false, false])
        #expect(groups.map(\.dontKnow) == [false, false, true])
        #expect(groups.map(\.confidence) == ["sure", "unsure", "unstated"])
        #expect(groups.map(\.source) == ["exam", "review", "practice"])
        #expect(groups.map { $0.days.map(\.count) } == [[2], [1], [1]])
        #expect(groups.map { $0.days.map(\.meanAnsweredAt.timeIntervalSince1970) } == [[25], [30], [20]])
        #expect(groups.map { $0.days.map(\.lastAnsweredAt.timeIntervalSince1970) } == [[40], [30], [20]])
        #expect(try database.answeredQuestionIDs() == ["a", "b", "c"])
    }

    /// The day tallies follow the answer log through inserts on several days, deletes and updates.
    @Test func dayTalliesFollowInsertsDeletesAndUpdates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-days-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try StateDatabase(url: folder.appendingPathComponent("state.sqlite"))
        let day = 86_400.0
        let times = [10.0, 100, day + 5, day + 50, 3 * day]
        try database.record(times.enumerated().map { index, time in
            AnswerRecord(questionID: "q\(index)", area: "cicd", objective: "1.3c", difficulty: "medium", correct: true, dontKnow: false,
                         confidence: "unstated", response: "a", answeredAt: Date(timeIntervalSince1970: time), source: "practice")
        })
        func days() throws -> [[Double]] {
            try database.answerFactGroups().flatMap(\.days).map { [Double($0.count), $0.meanAnsweredAt.timeIntervalSince1970, $0.lastAnsweredAt.timeIntervalSince1970] }
        }
        #expect(try days() == [[2, 55, 100], [2, day + 27.5, day + 50], [1, 3 * day, 3 * day]])

        try database.write { db in try db.execute(sql: "DELETE FROM answer WHERE question_id IN ('q1', 'q4')") }
        #expect(try days() == [[1, 10, 10], [2, day + 27.5, day + 50]])

        try database.write { db in try db.execute(sql: "UPDATE answer SET correct = 0 WHERE question_id = 'q3'") }
        let groups = try database.answerFactGroups()
        #expect(groups.map(\.correct) == [false, true])
        #expect(groups.map { $0.days.map(\.count) } == [[1], [1, 1]])
        #expect(groups.first?.days.first?.lastAnsweredAt.timeIntervalSince1970 == day + 50)
    }
}
