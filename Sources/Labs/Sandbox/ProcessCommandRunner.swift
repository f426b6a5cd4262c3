import Foundation
import Jobs
import Workspace

/// Runs each command line as its own `mlopslab --home HOME ...` process in the working folder, so
/// setup, faults, checks and solutions see exactly what a learner's commands see. Output goes to
/// files rather than pipes: a command may leave a detached child (a job runner, the scoring host)
/// that would hold a pipe open.
public struct ProcessCommandRunner: LabCommandRunner {
    public let executable: String
    /// Variables set on top of this process's environment.
    public let environment: [String: String]

    public init(executable: String, environment: [String: String] = [:]) {
        self.executable = executable
        self.environment = environment
    }

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
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            return CommandOutput(status: 1, stdout: "", stderr: "cannot create temporary files for the command's output")
        }
        var variables = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        variables["NO_COLOR"] = "1"
        variables["MLOPSLAB_HOME"] = home.path
        // posix_spawn + waitpid rather than Foundation's Process: when the command leaves a detached child
        // (the scoring host started by `online-deployment create`), Process.waitUntilExit was seen to wait
        // forever on Linux with the command already a zombie. The shell only splits stderr from stdout.
        let quotedErr = "'" + errURL.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "exec \"$@\" 2>>\(quotedErr)", "sh", executable, "--home", home.path] + words,
                                           environment: variables, workingDirectory: workingFolder, logFile: outURL)
        } catch {
            return CommandOutput(status: 1, stdout: "", stderr: "cannot start \(executable): \(error)")
        }
        let termination = child.wait()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CommandOutput(status: termination.statusCode, stdout: stdout, stderr: stderr)
    }
}
