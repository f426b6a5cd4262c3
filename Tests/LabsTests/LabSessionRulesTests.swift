import Foundation
import Store
import Testing
@testable import Labs

/// Session rules without processes: a lab whose checks read only working files, a clock the test moves.
@Suite("Lab session rules: time limit, hints, solution, decisions")
struct LabSessionRulesTests {
    final class TestClock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static let lab = """
    id: timed
    title: Timed
    version: 1
    areas: [troubleshooting]
    objectives: [2.3b]
    difficulty: easy
    minutes: 5
    time_limit: 10
    brief: Make fixed.txt say fixed.
    setup:
      files:
        - from: files
    tasks:
      - id: t
        title: Fix the file
        checks:
          - id: fixed
            kind: file
            path: fixed.txt
            contains: fixed
            weight: 2
            message: fixed.txt does not say fixed.
            hints: [Open fixed.txt., Write the word fixed into it.]
    decisions:
      - id: timed-why
        area: troubleshooting
        objective: 2.3b
        difficulty: easy
        type: single
        style: scenario
        stem: What do you check first?
        options:
          - text: The logs.
            correct: true
            rationale: They show the failure.
          - text: The invoice.
            rationale: It does not show the failure.
    solution:
      explanation: Write it.
      steps:
        - write: fixed.txt
          content: fixed
      decisions:
        timed-why: a
    """

    func session() throws -> (LabSession, TestClock, URL, ScratchFolder) {
        let scratch = try ScratchFolder("rules")
        try scratch.write("labs/timed/lab.yaml", Self.lab)
        try scratch.write("labs/timed/files/fixed.txt", "broken\n")
        let library = LabLibrary.load(folder: scratch.url.appendingPathComponent("labs"), outline: try LabFixtures.outline())
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        let home = scratch.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let database = try StateDatabase(url: home.appendingPathComponent("state.sqlite"))
        let clock = TestClock()
        let session = LabSession(home: home, database: database, library: library, runner: RecordingRunner(), now: { clock.now })
        return (session, clock, home.appendingPathComponent("labs/timed/work"), scratch)
    }

    @Test func afterTheTimeLimitChecksNoLongerChangeTheScore() throws {
        let (session, clock, work, scratch) = try session()
        _ = try session.start("timed")
        #expect(try session.check().score.points == 0)
        clock.now += 11 * 60
        try Data("fixed".utf8).write(to: work.appendingPathComponent("fixed.txt"))
        let late = try session.check()
        #expect(late.timeUp)
        #expect(late.outcomes.first?.passed == true, "the learner still sees the check pass")
        #expect(late.score.points == 0, "but the score stays frozen at the last check before the limit")
        #expect(try session.submit().score.points == 0)
        withExtendedLifetime(scratch) {}
    }

    @Test func hintsSolutionDecisionsAndResetFollowTheRules() throws {
        let (session, _, work, scratch) = try session()
        _ = try session.start("timed")
        guard case .costNotice(_, let cost, let remaining) = try session.hint(checkID: nil, confirm: false) else {
            Issue.record("the first hint request only names the cost")
            return
        }
        #expect(cost == 0.5 && remaining == 2)
        guard case .shown(_, let text, 1, _) = try session.hint(checkID: "fixed", confirm: true) else {
            Issue.record("a confirmed hint is shown")
            return
        }
        #expect(text == "Open fixed.txt.")
        #expect(throws: LabError.self) { try session.solution(giveUp: false) }
        #expect(throws: LabError.self) { try session.decide("timed-why", answer: "c") }
        #expect(try session.decide("timed-why", answer: "a").correct)
        #expect(throws: LabError.failed("decision `timed-why` is already answered")) { try session.decide("timed-why", answer: "b") }

        try Data("fixed".utf8).write(to: work.appendingPathComponent("fixed.txt"))
        _ = try session.reset()
        #expect(try String(contentsOf: work.appendingPathComponent("fixed.txt"), encoding: .utf8) == "broken\n")
        try Data("fixed".utf8).write(to: work.appendingPathComponent("fixed.txt"))
        let checked = try session.check()
        #expect(checked.score.points == 2 + 1 - 0.5)
        _ = try session.solution(giveUp: false)
        let result = try session.submit()
        #expect(result.attempt.solutionViewed)
        let evidence = HandsOnRecords.evidence(from: [result.attempt])
        #expect(evidence.count == 1)
        #expect(evidence.first?.area == "troubleshooting")
        #expect(evidence.first?.score == 2.5 / 3)
        #expect(evidence.first?.solvedWithHelp == true)
        #expect(throws: LabError.noActiveLab) { try session.status() }
        withExtendedLifetime(scratch) {}
    }
}
