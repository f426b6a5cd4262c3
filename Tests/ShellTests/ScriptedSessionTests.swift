import Foundation
import Store
import Testing

/// Scripted sessions (stdin not a terminal) and one-line errors for bad input, through the binary.
@Suite(.serialized) struct ScriptedSessionTests {
    @Test func exitAfterAFailedCommandLeavesWithZero() throws {
        let runner = try BinaryRunner()
        let result = try runner.run([], input: "nosuchcommand\nexit\n")
        #expect(result.stderr.contains("nosuchcommand"))
        #expect(result.status == 0, "exit is a normal exit")
        #expect(try runner.run([], input: "nosuchcommand\nquit\n").status == 0)
        #expect(try runner.run([], input: "exit 3\n").status == 3)
        let bad = try runner.run([], input: "exit soon\nexit\n")
        #expect(bad.stderr.contains("exit takes at most a status number"))
        #expect(bad.status == 0)
    }

    @Test func anUnknownCommandIsOneLineWithASuggestion() throws {
        let runner = try BinaryRunner()
        let oneShot = try runner.run(["scorecad"])
        #expect(oneShot.status == 2)
        #expect(oneShot.stderr == "error: no command named 'scorecad'; did you mean 'scorecard'?; type help for the list\n")
        let repl = try runner.run([], input: "nosuch\n")
        #expect(repl.stderr == "error: no command named 'nosuch'; type help for the list\n")
    }

    @Test func replHelpListsExitAndQuit() throws {
        let result = try BinaryRunner().run([], input: "help\n")
        #expect(result.stdout.contains("SUBCOMMANDS:"))
        #expect(result.stdout.contains("exit, quit"))
    }

    @Test func helpForAnUnknownCommandIsAnErrorWithASuggestion() throws {
        let runner = try BinaryRunner()
        let oneShot = try runner.run(["help", "practise"])
        #expect(oneShot.status == 2)
        #expect(oneShot.stderr == "error: no command named 'practise'; did you mean 'practice'?; type help for the list\n")
        #expect(!oneShot.stdout.contains("SUBCOMMANDS"), "not the general help")
        let sub = try runner.run(["help", "exam", "resum"])
        #expect(sub.stderr.contains("no subcommand of exam named 'resum'; did you mean 'resume'?"))
        let repl = try runner.run([], input: "help nosuch\n")
        #expect(repl.stderr.contains("error: no command named 'nosuch'"))
        #expect(repl.status == 2)
        let good = try runner.run(["help", "exam", "resume"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("USAGE: mlopslab exam resume"))
    }

    @Test func confirmationQuestionsAppearInAScriptedTranscript() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "submit\nmaybe\nn\npause\n")
        #expect(result.stdout.contains("Submit? (y/n)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("Please answer y or n."))
        #expect(result.stdout.contains("Exam paused"))
        let leave = try runner.run(["exam", "resume"], input: "goto 10\nnext\nn\nreview\npause\n")
        #expect(leave.stdout.contains("Leaving this section locks it: you cannot come back. Leave? (y/n)\n"), "\(leave.stdout)")
    }

    @Test func selfAssessShowsEachAreaInAScript() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["self-assess"], input: "g\nq\n")
        #expect(result.stdout.contains("Workspace and core assets?"))
        #expect(result.stdout.contains("Experiment tracking and reproducibility?"))
    }

    @Test func examWordingCountsRight() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["exam", "--questions", "40", "--seed", "3", "--minutes", "1"], input: "goto 10\nnext\ny\nreview\npause\n")
        #expect(result.stdout.contains("16 questions in 3 sections, 1 minute."), "\(result.stdout)")
        #expect(result.stdout.contains("Section 1 is locked."))
        #expect(!result.stdout.contains("Sections 1-1"))
    }

    @Test func aWordAtAnExamPromptIsNotUnderstoodAndTheHintListsWhatIs() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["exam", "--questions", "40", "--seed", "3"], input: "foo\nz\npause\n")
        #expect(result.stdout.contains("`foo` is not understood here; type a letter a-"), "\(result.stdout)")
        #expect(result.stdout.contains("or one of: back, flag, goto, help, next, pause, quit, review, scenario, submit, time."))
        #expect(result.stdout.contains("`z` is a letter outside a-"), "a single letter keeps the letter hint")
    }

    @Test func negativeNumbersAreRefusedAsSuch() throws {
        let runner = try BinaryRunner()
        let minutes = try runner.run(["exam", "--minutes", "-5"])
        #expect(minutes.status == 2)
        #expect(minutes.stderr == "error: --minutes must be a positive number of minutes (1 to 600), got -5\n")
        let count = try runner.run(["practice", "--count", "-2"])
        #expect(count.stderr == "error: --count must be a positive number of questions, got -2\n")
    }

    @Test func scorecardOutToAFolderSaysSo() throws {
        let runner = try BinaryRunner()
        let folder = runner.home.path
        let result = try runner.run(["scorecard", "--out", folder, "--format", "html"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write \(folder): it is a folder; give a file name, e.g. --out \(folder)/scorecard.html\n")
        let missing = try runner.run(["scorecard", "--out", folder + "/no/such/dir/card.txt"])
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aHomeThatCannotBeCreatedIsNamedWithTheReason() throws {
        let runner = try BinaryRunner()
        let result = try runner.run(["--home", "/proc/nope", "scorecard"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: cannot use state home /proc/nope: the folder cannot be created: /proc does not exist or does not allow new entries"), "\(result.stderr)")
        let file = runner.home.appendingPathComponent("a-file")
        try Data().write(to: file)
        let onFile = try runner.run(["--home", file.path, "scorecard"])
        #expect(onFile.stderr.contains("it is a file, not a folder"))
    }
}

/// Ctrl-C at a practice question, at a real terminal (libedit console).
@Suite(.serialized) struct PracticeInterruptTests {
    @Test func ctrlCCancelsTheQuestionAndTheDrillGoesOn() throws {
        let runner = try BinaryRunner()
        let terminal = try PseudoTerminalProcess(runner: runner, arguments: ["practice", "--count", "2", "--seed", "4", "--area", "workspace-assets"])
        #expect(terminal.waitFor("answer> "))
        terminal.interrupt()
        #expect(terminal.waitFor("Question cancelled (not recorded)"), "\(terminal.transcript)")
        #expect(terminal.waitFor("[2/2]"))
        #expect(terminal.waitFor("answer> ", occurrence: 2))
        terminal.type("b\r")
        #expect(terminal.waitForExit() == 0, "\(terminal.transcript)")
        #expect(terminal.transcript.contains("1 answered"))
        #expect(terminal.transcript.contains("1 cancelled"))
        let answers = try StateDatabase(url: runner.home.appendingPathComponent("state.sqlite")).allAnswers()
        #expect(answers.count == 1)
    }

    @Test func ctrlDLeavesTheDrill() throws {
        let runner = try BinaryRunner()
        let terminal = try PseudoTerminalProcess(runner: runner, arguments: ["practice", "--count", "2", "--seed", "4", "--area", "workspace-assets"])
        #expect(terminal.waitFor("answer> "))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.transcript.contains("stopped early"))
    }
}

/// Tab at a real terminal: the completer is built at the first Tab and completes the whole line.
@Suite(.serialized) struct TerminalCompletionTests {
    @Test func tabCompletesRatingValuesInTheREPL() throws {
        let runner = try BinaryRunner()
        let terminal = try PseudoTerminalProcess(runner: runner, arguments: [])
        #expect(terminal.waitFor("mlopslab> "))
        terminal.type("self-assess --area cicd --rating y\t")
        #expect(terminal.waitFor("ellow"), "\(terminal.transcript)")  // libedit inserts the rest of the word
        terminal.type("\r")
        #expect(terminal.waitFor("cicd: yellow"))
        terminal.type("exit\r")
        #expect(terminal.waitForExit() == 0)
    }
}
