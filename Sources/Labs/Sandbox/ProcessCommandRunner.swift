import Foundation
import Workspace

/// Runs each command line as its own `mlopslab --home HOME ...` process in the working folder, so
/// setup, faults, checks and solutions see exactly what a learner's commands see. Output goes to
/// files rather than pipes: a command may leave a detached child (a job runner, the scoring host)
/// that would hold a pipe open.
public struct ProcessCommandRunner: LabCommandRunner {
    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// The runner for this process's own `mlopslab` (or `MLOPSLAB_EXECUTABLE`).
    public static func current() throws -> ProcessCommandRunner {
        guard let path = JobService.runnerExecutable() else {
            throw LabError.failed("cannot find the mlopslab executable; set MLOPSLAB_EXECUTABLE")
        }
        return ProcessCommandRunner(executable: path)
    }

    public func run(_ words: [String], workingFolder: URL, home: URL) -> CommandOutput {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-lab-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil),
              let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL) else {
            return CommandOutput(status: 1, stdout: "", stderr: "cannot create temporary files for the command's output")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--home", home.path] + words
        process.currentDirectoryURL = workingFolder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["MLOPSLAB_HOME"] = home.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            return CommandOutput(status: 1, stdout: "", stderr: "cannot start \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CommandOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
