import CLICore
import Foundation
import MLCommands
import Testing

/// A console that records what a command prints.
final class CapturingConsole: Console, @unchecked Sendable {
    var output = ""
    var errors = ""
    func readLine(prompt: String) -> LineInput { .endOfInput }
    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
    var isInteractive: Bool { false }
    var colorEnabled: Bool { false }
}

/// Runs `mlopslab ml <arguments>` in-process and returns its parsed JSON output.
func runML(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: Any] {
    let console = CapturingConsole()
    let home = StateHome(url: FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-tests-home"))
    let context = CommandContext(home: home, console: console, inRepl: false, environment: environment)
    var command = try MLCommand.parseAsRoot(arguments)
    try CommandContext.$current.withValue(context) { try command.run() }
    let data = Data(console.output.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Path of a file under Fixtures/.
func fixturePath(_ relative: String) throws -> String {
    let base = try #require(Bundle.module.resourceURL)
    return base.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

/// Writes a temporary CSV and returns its path.
func temporaryCSV(_ text: String, name: String = UUID().uuidString) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlmetrics-\(name).csv")
    try Data(text.utf8).write(to: url)
    return url.path
}
