import Foundation
import GRDB
import Testing
@testable import Store

private func temporaryDatabaseURL() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("state.sqlite")
}

private func answer(_ id: String, correct: Bool, at seconds: TimeInterval) -> AnswerRecord {
    AnswerRecord(
        questionID: id, area: "cicd", objective: "1.3c", difficulty: "medium", correct: correct, dontKnow: false,
        confidence: "unstated", response: "b", answeredAt: Date(timeIntervalSince1970: seconds), source: "practice")
}

@Suite struct StateDatabaseTests {
    @Test func opensInWALModeAndAppliesEveryMigration() throws {
        let url = try temporaryDatabaseURL()
        let database = try StateDatabase(url: url)
        #expect(try database.appliedMigrations() == ["v1-answers-sessions", "v2-self-assessment", "v3-workspace-resources", "v3-workspace-job-parent", "v3-workspace-job-status", "v4-lab-attempts", "v5-answer-days"])
        let mode = try DatabaseQueue(path: url.path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func anOlderDatabaseOpensAndKeepsItsAnswers() throws {
        let url = try temporaryDatabaseURL()
        // Build a file as the first release wrote it: only the v1 migration, with one answer in it.
        let queue = try DatabaseQueue(path: url.path)
        try StateMigrations.migrator.migrate(queue, upTo: "v1-answers-sessions")
        try queue.write { db in
            var record = answer("q1", correct: true, at: 100)
            try record.insert(db)
        }
        try queue.close()

        let upgraded = try StateDatabase(url: url)
        #expect(try upgraded.appliedMigrations().last == "v5-answer-days")
        #expect(try upgraded.allAnswers().map(\.questionID) == ["q1"])
        #expect(try upgraded.answerFactGroups().flatMap(\.days).map(\.count) == [1])
        try upgraded.saveSelfAssessment(SelfAssessmentRecord(area: "cicd", rating: "green", ratedAt: Date(timeIntervalSince1970: 5)))
        #expect(try upgraded.selfAssessments().map(\.rating) == ["green"])
    }

    @Test func answersComeBackOldestFirstWithTheirFields() throws {
        let database = try StateDatabase(url: try temporaryDatabaseURL())
        try database.record([answer("late", correct: false, at: 200), answer("early", correct: true, at: 100)])
        let all = try database.allAnswers()
        #expect(all.map(\.questionID) == ["early", "late"])
        #expect(all.map(\.correct) == [true, false])
        #expect(all.allSatisfy { $0.id != nil })
    }

    @Test func twoConnectionsOnOneFileBothWrite() async throws {
        let url = try temporaryDatabaseURL()
        let first = try StateDatabase(url: url)
        let second = try StateDatabase(url: url)
        await withTaskGroup(of: Void.self) { group in
            for (offset, database) in [first, second].enumerated() {
                group.addTask {
                    for i in 0..<50 {
                        _ = try? database.record([answer("q\(offset)-\(i)", correct: i % 2 == 0, at: Double(i))])
                    }
                }
            }
        }
        #expect(try first.answerCount() == 100)
        #expect(try second.answerCount() == 100)
    }

    @Test func onlyOneOpenExamSubmissionIsRecorded() throws {
        let database = try StateDatabase(url: try temporaryDatabaseURL())
        var session = try database.createSession(
            SessionRecord(kind: "exam", status: "open", startedAt: Date(timeIntervalSince1970: 0), deadline: nil, seed: 1, form: Data("{}".utf8), position: Data("{}".utf8)))
        #expect(try database.latestOpenSession(kind: "exam")?.id == session.id)
        session.status = "submitted"
        try database.submitExam(session, answers: [answer("q", correct: true, at: 1)])
        try database.submitExam(session, answers: [answer("q", correct: true, at: 2)])
        #expect(try database.answerCount() == 1)
        #expect(try database.latestOpenSession(kind: "exam") == nil)
    }

    @Test func dueCardsAreThoseWhoseTimeHasCome() throws {
        let database = try StateDatabase(url: try temporaryDatabaseURL())
        let now = Date(timeIntervalSince1970: 1_000_000)
        try database.saveReviewCard(ReviewCardRecord(questionID: "due", ease: 2.5, intervalDays: 1, repetitions: 0, lapses: 0, dueAt: now.addingTimeInterval(-10), lastReviewedAt: now))
        try database.saveReviewCard(ReviewCardRecord(questionID: "later", ease: 2.5, intervalDays: 6, repetitions: 1, lapses: 0, dueAt: now.addingTimeInterval(3600), lastReviewedAt: now))
        #expect(try database.dueReviewCards(now: now).map(\.questionID) == ["due"])
    }

    @Test func anUnopenableFileSaysWhere() throws {
        let url = URL(fileURLWithPath: "/proc/definitely/not/here/state.sqlite")
        #expect(throws: StoreError.self) { try StateDatabase(url: url) }
    }
}

@Suite struct ConcurrentSetupTests {
    /// Several connections open an older file at once (as a newer build's processes would): the
    /// upgrade runs once and every opener sees the newest schema.
    @Test func concurrentOpenersUpgradeAnOlderFileOnce() async throws {
        for _ in 0..<5 {
            let url = try temporaryDatabaseURL()
            let queue = try DatabaseQueue(path: url.path)
            try StateMigrations.migrator.migrate(queue, upTo: "v1-answers-sessions")
            try queue.close()
            let outcomes = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do {
                            return try StateDatabase(url: url).appliedMigrations().last
                        } catch {
                            return "failed: \(error)"
                        }
                    }
                }
                var all: [String?] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes == Array(repeating: "v5-answer-days", count: 4))
        }
    }

    @Test func theSetupLockLivesBesideTheDatabase() throws {
        let url = try temporaryDatabaseURL()
        _ = try StateDatabase(url: url)
        #expect(FileManager.default.fileExists(atPath: StateDatabase.setupLockURL(for: url).path))
    }
}
