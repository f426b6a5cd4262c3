import Exam
import Foundation
import Store
import Testing

/// The exam's clock through real processes. `MLOPSLAB_TEST_EXAM_SECONDS` (a test hook) makes the
/// exam a few seconds long.
@Suite(.serialized) struct ExamDeadlineTests {
    private func runner(seconds: Int) throws -> BinaryRunner {
        var runner = try BinaryRunner()
        runner.environment["MLOPSLAB_TEST_EXAM_SECONDS"] = String(seconds)
        return runner
    }

    @Test func anIdleLearnerIsCutOffAtTheDeadlineWhileStdinStaysOpen() throws {
        let runner = try runner(seconds: 3)
        let exam = try runner.start(["exam", "--questions", "40", "--seed", "3"])
        exam.waitFor("Question 1 of 16")
        exam.send("b\n")
        exam.waitFor("Question 2 of 16")
        // Nothing more is typed and stdin stays open: the exam must end by itself.
        let shown = exam.waitFor("Scaled score", timeout: 20)
        #expect(shown.contains("Time is up: the exam is submitted"))
        let finished = exam.finish()
        #expect(finished.status == 0, "\(finished.stderr)")
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        #expect(try database.latestOpenSession(kind: "exam") == nil)
        let submitted = try #require(try database.sessions(kind: "exam", status: "submitted").first)
        #expect(submitted.submittedAt == submitted.deadline, "submitted as it stood at the deadline")
        #expect(try database.allAnswers().count == 1)
    }

    @Test func anAnswerQueuedAfterTheDeadlineIsNotRecorded() throws {
        let runner = try runner(seconds: 2)
        let exam = try runner.start(["exam", "--questions", "40", "--seed", "3"])
        exam.waitFor("Question 1 of 16")
        Thread.sleep(forTimeInterval: 2.5)
        // The learner types after the deadline; the exam has already been submitted at it (and
        // its process may be gone, so the write must not raise SIGPIPE here).
        signal(SIGPIPE, SIG_IGN)
        _ = try? exam.stdin.fileHandleForWriting.write(contentsOf: Data("b\n".utf8))
        let finished = exam.finish()
        #expect(finished.stdout.contains("Time is up"))
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        #expect(try database.allAnswers().isEmpty, "nothing answered before the deadline")
    }

    @Test func theTerminalReadIsInterruptedAtTheDeadline() throws {
        let runner = try runner(seconds: 3)
        let terminal = try PseudoTerminalProcess(runner: runner, arguments: ["exam", "--questions", "40", "--seed", "3"])
        #expect(terminal.waitFor("exam> "))
        terminal.type("b")  // typed but never entered: dropped at the deadline
        #expect(terminal.waitFor("Scaled score", timeout: 20), "\(terminal.transcript)")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.transcript.contains("Time is up"))
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        #expect(try database.latestOpenSession(kind: "exam") == nil)
        #expect(try database.allAnswers().isEmpty)
    }

    @Test func ctrlCAtAnExamPromptCancelsTheLineAndKeepsTheExamGoing() throws {
        let runner = try runner(seconds: 600)
        let terminal = try PseudoTerminalProcess(runner: runner, arguments: ["exam", "--questions", "40", "--seed", "3"])
        #expect(terminal.waitFor("exam> "))
        terminal.interrupt()
        #expect(terminal.waitFor("Line cancelled"), "\(terminal.transcript)")
        terminal.type("b\r")
        #expect(terminal.waitFor("Question 2 of 16"))
        terminal.type("pause\r")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.transcript.contains("Exam paused"))
    }

    @Test func anExpiredExamIsSubmittedByTheNextScorecardAndListedInHistory() throws {
        let runner = try runner(seconds: 1)
        let paused = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "b\npause\n")
        #expect(paused.stdout.contains("Exam paused"))
        Thread.sleep(forTimeInterval: 1.5)
        let card = try runner.run(["scorecard", "--format", "json"])
        #expect(card.status == 0, "\(card.stderr)")
        #expect(card.stderr.contains("ran out of time and is now submitted"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(card.stdout.utf8)) as? [String: Any], "stdout stays JSON")
        let exams = try #require(json["exams"] as? [[String: Any]])
        #expect(exams.count == 1)
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        let submitted = try #require(try database.sessions(kind: "exam", status: "submitted").first)
        #expect(submitted.submittedAt == submitted.deadline)
        #expect(try database.allAnswers().count == 1)
        let history = try runner.run(["exam", "history"])
        #expect(history.stdout.contains("/ 1000"))
        #expect(!history.stderr.contains("ran out of time"), "submitted once")
    }

    @Test func examHistorySubmitsAnExpiredExamToo() throws {
        let runner = try runner(seconds: 1)
        _ = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "pause\n")
        Thread.sleep(forTimeInterval: 1.5)
        let history = try runner.run(["exam", "history"])
        #expect(history.stderr.contains("ran out of time"))
        #expect(history.stdout.contains("1 / 1000  fail"))
    }
}

/// One process at a time runs the exam (an flock lease in the state home).
@Suite(.serialized) struct ExamLeaseTests {
    @Test func aSecondResumeIsRefusedWhileTheFirstProcessRunsTheExam() throws {
        let runner = try BinaryRunner()
        let first = try runner.start(["exam", "--questions", "40", "--seed", "3"])
        first.waitFor("Question 1 of 16")
        first.send("b\n")
        first.waitFor("Question 2 of 16")
        let second = try runner.run(["exam", "resume"], input: "a\nb\nb\npause\n")
        #expect(second.status != 0)
        #expect(second.stderr.contains("the exam is open in another mlopslab process \(first.process.processIdentifier)"), "\(second.stderr)")
        #expect(!second.stdout.contains("Question"), "the second process shows nothing of the exam")
        let abandon = try runner.run(["exam", "abandon"])
        #expect(abandon.status != 0)
        first.send("b\npause\n")
        let paused = first.finish()
        #expect(paused.stdout.contains("Exam paused"))

        // The first process is gone: now a resume runs, and it sees both answers.
        let resumed = try runner.run(["exam", "resume"], input: "goto 2\npause\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Your answer: b"))
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        let open = try #require(try database.latestOpenSession(kind: "exam"))
        let progress = try JSONDecoder().decode(ExamProgress.self, from: open.position)
        #expect(progress.responses.count == 2)
        #expect(progress.current == 1)
    }

    @Test func theLeaseIsReleasedWhenItsProcessIsKilled() throws {
        let runner = try BinaryRunner()
        let first = try runner.start(["exam", "--questions", "40", "--seed", "3"])
        first.waitFor("Question 1 of 16")
        first.kill()
        let resumed = try runner.run(["exam", "resume"], input: "pause\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Question 1 of 16"))
    }
}
