import CLICore
import Foundation
import Testing
@testable import Labs
import Workspace

/// A learner's session through the real binary: start, check, hints, decisions, a partial fix,
/// reset to the exact starting state, the fix, submit, and the result on the scorecard.
@Suite("A lab session through the real binary", .serialized)
struct LabSessionEndToEndTests {
    let scratch: ScratchFolder
    let runner = LabFixtures.runner()

    init() throws { scratch = try ScratchFolder("session") }

    var home: URL { scratch.url.appendingPathComponent("home") }
    var work: URL { home.appendingPathComponent("labs/fixture-secret/work") }

    @discardableResult
    func mlopslab(_ line: String, in folder: URL? = nil) throws -> CommandOutput {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return runner.run(try LineTokenizer.words(line), workingFolder: folder ?? scratch.url, home: home)
    }

    @Test func startCheckHintDecideResetFixSubmit() throws {
        let started = try mlopslab("lab start fixture-secret")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("A test fixture: a script holds a storage key"))
        let pristine = try String(contentsOf: work.appendingPathComponent("train.py"), encoding: .utf8)
        #expect(pristine.contains("account_key = \""))

        let first = try mlopslab("lab check")
        #expect(first.stdout.contains("FAIL  no-key (2 pt): A working file still holds a credential."))
        #expect(first.stdout.contains("Score so far: 0 of 6 points (0 %)"))
        #expect(!first.stdout.contains(pristine.components(separatedBy: "\"")[1]), "the key must not be printed")

        let notice = try mlopslab("lab hint")
        #expect(notice.stdout.contains("A hint for no-key costs 0.50 of its 2 points (2 left)"))
        let hint = try mlopslab("lab hint no-key --yes")
        #expect(hint.stdout.contains("Hint 1 of 2 for no-key (−0.50 pt): Look at the scripts."))

        let malformed = try mlopslab("lab decide fixture-secret-store z")
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("z"))
        let decided = try mlopslab("lab decide fixture-secret-store a")
        #expect(decided.status == 0, "\(decided.stderr)")

        // A partial fix earns partial credit: version 2 registered through the lab's workspace.
        #expect(try mlopslab("az ml data create -f rows.yml --version 2", in: work).status == 0)
        let partial = try mlopslab("lab check")
        #expect(partial.stdout.contains("pass  version-two (1 pt)"))
        #expect(partial.stdout.contains("Score so far: 1.50 of 6 points (25 %)"))

        // The learner's own state home (outside the lab) never saw that data asset.
        let outside = runner.run(["az", "ml", "data", "list", "-o", "tsv", "--query", "[].name"], workingFolder: scratch.url, home: scratch.url.appendingPathComponent("elsewhere"))
        #expect(!outside.stdout.contains("rows"))

        // Reset puts files and workspace back exactly.
        try Data("changed".utf8).write(to: work.appendingPathComponent("train.py"))
        #expect(try mlopslab("lab reset").status == 0)
        #expect(try String(contentsOf: work.appendingPathComponent("train.py"), encoding: .utf8) == pristine)
        let versions = try mlopslab("az ml data list -n rows --query [].version -o tsv", in: work)
        #expect(versions.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        // The fix, then submit.
        try Data("import os\n\ndef storage_credential():\n    return os.environ.get(\"LAKE_CREDENTIAL\", \"\")\n".utf8).write(to: work.appendingPathComponent("train.py"))
        #expect(try mlopslab("az ml data create -f rows.yml --version 2", in: work).status == 0)
        try Data("command: cat rows.csv\ndisplay_name: echo-rows\ncode: data\nenvironment: azureml:AzureML-sklearn-1.5@latest\n".utf8).write(to: work.appendingPathComponent("job.yml"))
        let job = try mlopslab("az ml job create -f job.yml --stream", in: work)
        #expect(job.status == 0, "\(job.stderr)")
        let submitted = try mlopslab("lab submit")
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("Score so far: 5.50 of 6 points (92 %)"))
        #expect(submitted.stdout.contains("Passed in"))

        let card = try mlopslab("scorecard --format json")
        let json = try #require(JSONValue.parse(card.stdout))
        let area = json["areas"]?.arrayValue?.first { $0["id"]?.stringValue == "security-governance" }
        #expect(area?["hands_on"]?["labs"]?.arrayValue == [.string("fixture-secret")])
        #expect(try mlopslab("lab status").stderr.contains("no lab is in progress"))
    }

    @Test func theSolutionNeedsAnAttemptOrGivingUpAndMarksTheAttempt() throws {
        #expect(try mlopslab("lab start fixture-secret").status == 0)
        let early = try mlopslab("lab solution")
        #expect(early.status != 0)
        #expect(early.stderr.contains("run `lab check` at least once, or `lab solution --give-up`"))
        let given = try mlopslab("lab solution --give-up")
        #expect(given.stdout.contains("now counts as solved with help"))
        #expect(given.stdout.contains("az ml data create -f rows.yml --version 2"))
        #expect(try mlopslab("lab start no-such-lab").stderr.contains("there is no lab `no-such-lab`; labs: fixture-secret"))
    }

    @Test func inTheREPLTheLabsFolderBecomesTheWorkingDirectory() throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let script = scratch.url.appendingPathComponent("session.txt")
        try Data("lab start fixture-secret\naz ml data create -f rows.yml --version 2 -o none\naz ml data create -f missing.yml\nlab check\n".utf8).write(to: script)
        let output = scratch.url.appendingPathComponent("out.txt"), errors = scratch.url.appendingPathComponent("err.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LabFixtures.executable)
        process.arguments = ["--home", home.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["MLOPSLAB_LABS": LabFixtures.fixtureLabs.path, "NO_COLOR": "1"]) { _, new in new }
        process.currentDirectoryURL = scratch.url
        process.standardInput = try FileHandle(forReadingFrom: script)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        let printed = try String(contentsOf: output, encoding: .utf8)
        let complaints = try String(contentsOf: errors, encoding: .utf8)
        #expect(printed.contains("pass  version-two (1 pt)"), "\(printed)\n\(complaints)")
        // A learner's mistake inside a lab gets az's own error, as outside one.
        #expect(complaints.contains("missing.yml"))
    }
}
