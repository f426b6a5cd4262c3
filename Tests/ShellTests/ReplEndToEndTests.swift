import Foundation
import Store
import Testing

@Suite(.serialized) struct ReplEndToEndTests {
    @Test func versionPrintsAndExits() throws {
        let result = try BinaryRunner().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func aScriptedSessionRunsCommandsAndAnswersFromTheSameInput() throws {
        let runner = try BinaryRunner()
        let script = """
        # a comment line is ignored
        practice --count 2 --seed 4 --area workspace-assets
        b
        b
        help practice
        nosuchcommand
        """
        let result = try runner.run([], input: script + "\n")
        #expect(result.status != 0, "the script's last command failed, so at its end the session's status is non-zero")
        #expect(result.stdout.contains("Practice: "))
        #expect(result.stdout.contains("USAGE: mlopslab practice"))
        #expect(result.stderr.contains("nosuchcommand"))
        #expect(!result.stdout.contains("mlopslab> "), "no prompt clutter when stdin is not a terminal")
        #expect(!result.stdout.contains("\u{1B}["), "no escape codes")
        let database = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite"))
        #expect(try database.answerCount() == 2)
    }

    @Test func dontKnowAnswersAreRecordedAsNotCorrect() throws {
        let runner = try BinaryRunner()
        let input = Array(repeating: "?", count: 20).joined(separator: "\n") + "\n"
        let result = try runner.run(["practice", "--count", "3", "--seed", "1"], input: input)
        #expect(result.status == 0)
        let answers = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite")).allAnswers()
        #expect(!answers.isEmpty)
        #expect(answers.allSatisfy { $0.dontKnow && !$0.correct })
    }

    @Test func anAnswerOfTheWrongShapeIsRefusedWithAHint() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["practice", "--count", "1", "--seed", "2", "--area", "workspace-assets"], input: "b,c\nz\nb!\n")
        #expect(result.stdout.contains("this question takes one letter"))
        #expect(result.stdout.contains("`z` is a letter outside a-c"))
        #expect(result.stdout.contains("✓ Correct."))
        let answers = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite")).allAnswers()
        #expect(answers.map(\.confidence) == ["sure"])
    }

    @Test func unknownFlagsAndAreasGetOneClearError() throws {
        let runner = try BinaryRunner()
        let flag = try runner.run(["practice", "--cuont", "3"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--cuont"))
        let area = try runner.run(["practice", "--area", "nope"])
        #expect(area.status == 2)
        #expect(area.stderr.contains("unknown area 'nope'"))
    }

    @Test func aReplAndAOneShotCommandShareOneHome() throws {
        let runner = try BinaryRunner()
        let repl = try runner.start([])
        repl.send("practice --count 2 --seed 9 --area workspace-assets\n")
        repl.waitFor("Answer with one letter")
        let oneShot = try runner.run(["practice", "--count", "1", "--seed", "1", "--area", "genai-quality"], input: "b\n")
        #expect(oneShot.status == 0)
        repl.send("b\nb\nexit\n")
        let finished = repl.finish()
        #expect(finished.status == 0, "\(finished.stderr)")
        let answers = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite")).allAnswers()
        #expect(Set(answers.map(\.area)) == ["workspace-assets", "genai-quality"])
        #expect(answers.count == 3)
    }

    @Test func nothingIsWrittenOutsideTheStateHome() throws {
        let runner = try BinaryRunner()
        _ = try runner.run(["practice", "--count", "1", "--seed", "1"], input: "b\n")
        let contents = try FileManager.default.contentsOfDirectory(atPath: runner.home.path)
        #expect(contents.contains("state.sqlite"))
        #expect(!contents.contains(".mlopslab"), "--home wins over HOME")
    }
}
