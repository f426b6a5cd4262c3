import Foundation
import Store
import Testing

/// The fixture bank has 10 single items whose key is b, a yes-no series (yes, no) and a case study
/// of 4 items whose key is a, so a 40-item request draws all 16 items in three sections.
@Suite(.serialized) struct ExamEndToEndTests {
    @Test func aFullExamWithLockedSectionsScoresAPerfectForm() throws {
        let runner = try BinaryRunner()
        let script = (Array(repeating: "b", count: 10) + ["next", "y", "back", "goto 1", "y", "n", "next", "y", "a", "a", "a", "a", "submit", "y"])
            .joined(separator: "\n") + "\n"
        let result = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("The bank could fill only 16 of 40 items."))
        #expect(result.stdout.contains("yes-no series. Each statement locks once answered"))
        #expect(result.stdout.contains("you cannot go back from here"))
        #expect(result.stdout.contains("that section is finished and locked"))
        #expect(result.stdout.contains("Scaled score: 1000 / 1000  PASS"))
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        let answers = try database.allAnswers()
        #expect(answers.count == 16)
        #expect(answers.allSatisfy { $0.correct && $0.source == "exam" })
    }

    @Test func submittingWithNothingAnsweredScoresTheMinimum() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["exam", "--questions", "40", "--seed", "1"], input: "submit\ny\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Answered 0 of 16; 16 unanswered"))
        #expect(result.stdout.contains("Scaled score: 1 / 1000  FAIL"))
    }

    @Test func aKilledExamResumesWhereItStoppedWithItsClockRunning() throws {
        let runner = try BinaryRunner()
        let first = try runner.start(["exam", "--questions", "40", "--seed", "3"])
        first.waitFor("Question 1 of 16")
        first.send("b\nb\n")
        first.waitFor("Question 3 of 16")
        first.kill()

        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        let open = try #require(try database.latestOpenSession(kind: "exam"))
        #expect(open.status == "open")

        let resumed = try runner.run(["exam", "resume"], input: "pause\n")
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("Question 3 of 16 · 1:5"))
        #expect(resumed.stdout.contains("Exam paused with"))
        let again = try runner.run(["exam", "resume"], input: "back\nback\npause\n")
        #expect(again.stdout.contains("Your answer: b"))
    }

    @Test func anExamWhoseTimeRanOutIsSubmittedOnResume() throws {
        let runner = try BinaryRunner()
        _ = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "b\npause\n")
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        var open = try #require(try database.latestOpenSession(kind: "exam"))
        open.deadline = Date().addingTimeInterval(-5)
        try database.updateSession(open)
        let resumed = try runner.run(["exam", "resume"])
        #expect(resumed.stdout.contains("Time is up: the exam is submitted"))
        #expect(try database.latestOpenSession(kind: "exam") == nil)
        #expect(try database.allAnswers().count == 1)
    }

    @Test func anExamInProgressBlocksANewOneUntilAbandoned() throws {
        let runner = try BinaryRunner()
        _ = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "pause\n")
        let blocked = try runner.run(["exam", "--questions", "40"])
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("an exam is in progress"))
        #expect(try runner.run(["exam", "abandon"]).status == 0)
        #expect(try runner.run(["exam", "--questions", "40", "--seed", "4"], input: "pause\n").status == 0)
    }

    @Test func outOfRangeQuestionCountsAreRefused() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["exam", "--questions", "12"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--questions must be between 40 and 60"))
    }
}
