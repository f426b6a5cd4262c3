import CLICore
import Foundation
@testable import AzCLI

/// Captures what a command writes.
final class CapturingConsole: Console, @unchecked Sendable {
    var output = ""
    var errors = ""
    var lines: [String] = []
    var isInteractive: Bool { false }
    var colorEnabled: Bool { false }

    func readLine(prompt: String) -> LineInput {
        guard !lines.isEmpty else { return .endOfInput }
        return .line(lines.removeFirst())
    }
    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
}

/// A fresh state home and working folder in a temporary directory.
struct AzSandbox {
    let root: URL
    let home: URL
    let work: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("azcli-tests-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `az <line>` (split on spaces; use `words` for arguments with spaces).
    @discardableResult
    func az(_ line: String) -> Result { az(words: line.split(separator: " ").map(String.init)) }

    @discardableResult
    func az(words: [String], input: [String] = []) -> Result {
        let console = CapturingConsole()
        console.lines = input
        let status = AzRunner.run(words, environment: AzEnvironment(home: home, workingFolder: work, console: console))
        return Result(status: status, stdout: console.output, stderr: console.errors)
    }

    /// Writes a file under the working folder.
    func write(_ relative: String, _ text: String) throws {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
