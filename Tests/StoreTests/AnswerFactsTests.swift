import Foundation
import Testing
@testable import Store

@Suite struct AnswerFactsTests {
    @Test func factsCarryEveryFieldTheModelNeeds() throws {
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
        let facts = try database.answerFacts().sorted { $0.answeredAt < $1.answeredAt }
        #expect(facts.map(\.area) == ["cicd", "cost-management", "cicd"])
        #expect(facts.map(\.objective) == ["1.3c", "1.1c", "1.3c"])
        #expect(facts.map(\.difficulty) == ["hard", "easy", "hard"])
        #expect(facts.map(\.correct) == [true, false, false])
        #expect(facts.map(\.dontKnow) == [false, true, false])
        #expect(facts.map(\.confidence) == ["sure", "unstated", "unsure"])
        #expect(facts.map(\.source) == ["exam", "practice", "review"])
        #expect(facts.map(\.answeredAt.timeIntervalSince1970) == [10, 20, 30])
        #expect(try database.answeredQuestionIDs() == ["a", "b"])
    }
}
