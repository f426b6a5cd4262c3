import CLICore
import AzCLI
import Testing
@testable import Shell

@Suite struct CompletionTests {
    /// The completer over the real command table, with area and pack values as the REPL sets them.
    private var completer: Completer {
        let dump = CommandRunner.helpDump()
        let tree = CommandTree.decode(dump: dump)?.addingAzCommands(AzRunner.commands)
        return Completer(tree: tree ?? CommandTree(commandName: "mlopslab"), builtins: REPL.builtins,
                         values: { ["area": ["cicd", "cost-management", "genai-quality"], "pack": ["fixture"], "positional:start": ["cost-leak", "endpoint-init-crash"]][$0] ?? CompletionValues().values(for: $0) })
    }

    @Test func ratingValuesOfSelfAssess() {
        #expect(completer.complete(lineBeforeCursor: "self-assess --area cicd --rating ").candidates == ["green", "red", "yellow"])
        #expect(completer.complete(lineBeforeCursor: "self-assess --area cicd --rating y").insertion == "ellow")
    }

    @Test func helpCompletesCommandsAndSubcommands() {
        let commands = completer.complete(lineBeforeCursor: "help ").candidates
        #expect(commands.contains("practice") && commands.contains("exam") && commands.contains("scorecard"))
        #expect(!commands.contains { $0.hasPrefix("-") })
        #expect(completer.complete(lineBeforeCursor: "help ex").candidates == ["exam"])
        #expect(completer.complete(lineBeforeCursor: "help exam ").candidates == ["abandon", "history", "resume", "start"])
        #expect(completer.complete(lineBeforeCursor: "help exam re").insertion == "sume")
        #expect(completer.complete(lineBeforeCursor: "help nosuch ").candidates.isEmpty)
    }

    @Test func aLeafCommandOffersItsFlagsBeforeAnyDash() {
        let flags = completer.complete(lineBeforeCursor: "practice ").candidates
        #expect(flags.contains("--area") && flags.contains("--count") && flags.contains("--seed"))
        #expect(!completer.complete(lineBeforeCursor: "practice --area cicd ").candidates.contains("--area"))
        #expect(completer.complete(lineBeforeCursor: "scorecard ").candidates.contains("--format"))
    }

    @Test func theRealCommandTableIsReadable() {
        let tree = CommandTree.decode(dump: CommandRunner.helpDump())
        #expect(tree?.subcommand(named: "practice") != nil)
        #expect(tree?.subcommand(named: "exam")?.subcommand(named: "resume") != nil)
    }

    @Test func commandsAtTheStartOfALine() {
        #expect(completer.complete(lineBeforeCursor: "pra").candidates == ["practice"])
        #expect(completer.complete(lineBeforeCursor: "pra").insertion == "ctice")
        #expect(completer.complete(lineBeforeCursor: "e").candidates == ["exam", "exit"])
        #expect(completer.complete(lineBeforeCursor: "e").insertion == "x")
    }

    @Test func subcommandsSeeTheWholeLine() {
        #expect(completer.complete(lineBeforeCursor: "exam re").candidates == ["resume"])
        #expect(completer.complete(lineBeforeCursor: "exam ").candidates.contains("abandon"))
        #expect(!completer.complete(lineBeforeCursor: "exam ").candidates.contains("exit"), "builtins only at the start")
    }

    @Test func flagsOfTheCommandTyped() {
        let flags = completer.complete(lineBeforeCursor: "practice --").candidates
        #expect(flags.contains("--area") && flags.contains("--count") && flags.contains("--seed"))
        #expect(!flags.contains("--questions"))
        let remaining = completer.complete(lineBeforeCursor: "practice --area cicd --").candidates
        #expect(!remaining.contains("--area"), "a flag already given is not offered again")
    }

    @Test func valuesOfAreaAndPackOptions() {
        #expect(completer.complete(lineBeforeCursor: "practice --area c").candidates == ["cicd", "cost-management"])
        #expect(completer.complete(lineBeforeCursor: "practice --area c").insertion == "")
        #expect(completer.complete(lineBeforeCursor: "practice --area genai-").insertion == "quality")
        #expect(completer.complete(lineBeforeCursor: "practice --pack ").candidates == ["fixture"])
        #expect(completer.complete(lineBeforeCursor: "lab start end").candidates == ["endpoint-init-crash"])
        #expect(completer.complete(lineBeforeCursor: "lab ").candidates.contains("submit"))
    }

    @Test func azCommandsCompleteFromTheAzTable() {
        #expect(completer.complete(lineBeforeCursor: "az ml da").candidates == ["data", "datastore"])
        #expect(completer.complete(lineBeforeCursor: "az ml data cr").insertion == "eate")
        let flags = completer.complete(lineBeforeCursor: "az ml data create --").candidates
        #expect(flags.contains("--path") && flags.contains("--resource-group") && flags.contains("--output"))
        #expect(completer.complete(lineBeforeCursor: "az ml data create --type ").candidates == ["mltable", "uri_file", "uri_folder"])
        #expect(!completer.complete(lineBeforeCursor: "az ml job ").candidates.contains { $0.hasPrefix("_") }, "internal commands stay hidden")
    }

    @Test func columnsFitTheWidth() {
        let text = Completer.columns(["alpha", "beta", "gamma", "delta"], width: 16)
        #expect(text == "alpha  beta\ngamma  delta")
    }
}

@Suite struct LineTokenizerTests {
    @Test func quotesAndEscapes() throws {
        #expect(try LineTokenizer.words(#"practice --area  cicd"#) == ["practice", "--area", "cicd"])
        #expect(try LineTokenizer.words(#"az ml job create -n "my job" --set 'a b'"#) == ["az", "ml", "job", "create", "-n", "my job", "--set", "a b"])
        #expect(try LineTokenizer.words(#"say \"hi\" "a\"b""#) == ["say", "\"hi\"", "a\"b"])
        #expect(try LineTokenizer.words("") == [])
        #expect(try LineTokenizer.words(#"x """#) == ["x", ""])
    }

    @Test func brokenQuotingIsAnError() {
        #expect(throws: LineTokenizer.Failure.unterminatedQuote("\"")) { try LineTokenizer.words(#"practice "oops"#) }
        #expect(throws: LineTokenizer.Failure.danglingBackslash) { try LineTokenizer.words("x \\") }
    }
}
