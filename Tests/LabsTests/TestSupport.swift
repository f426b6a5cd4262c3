import Foundation
import Testing
@testable import Exam
@testable import Labs

enum LabFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureLabs = packageRoot.appendingPathComponent("Tests/LabsTests/Fixtures/labs")
    static let repositoryLabs = packageRoot.appendingPathComponent("labs")

    /// The `mlopslab` built beside the test bundle.
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlopslab")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return packageRoot.appendingPathComponent(".build/debug/mlopslab").path
    }

    static func outline() throws -> Outline { try Outline.bundled() }

    /// A runner of the real binary with the labs folder `labs`.
    static func runner(labs: URL = fixtureLabs) -> ProcessCommandRunner {
        ProcessCommandRunner(executable: executable, environment: ["MLOPSLAB_LABS": labs.path])
    }
}

/// A temporary folder removed at the end of a test.
final class ScratchFolder {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("labs-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `relative`, creating folders.
    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}

/// Records the command lines a fault runs instead of running them. A line starting with one of
/// `answers`' prefixes gets that output; a line in `failing` exits 1; any other line succeeds silently.
final class RecordingRunner: LabCommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [[String]] = []
    let answers: [(prefix: String, output: CommandOutput)]
    let failing: Set<String>

    init(_ answers: [(prefix: String, output: CommandOutput)] = [], failing: Set<String> = []) {
        self.answers = answers
        self.failing = failing
    }

    var words: [[String]] { lock.withLock { recorded } }
    var lines: [String] { words.map { $0.joined(separator: " ") } }

    func run(_ words: [String], workingFolder: URL, home: URL) -> CommandOutput {
        lock.withLock { recorded.append(words) }
        let line = words.joined(separator: " ")
        if failing.contains(line) { return CommandOutput(status: 1, stdout: "", stderr: "ERROR: boom") }
        return answers.first { line.hasPrefix($0.prefix) }?.output ?? CommandOutput(status: 0, stdout: "", stderr: "")
    }
}
