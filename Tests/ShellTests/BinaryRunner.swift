import Foundation

/// Runs the built `mlopslab` binary as a real process with its own state home, feeding stdin.
struct BinaryRunner {
    let home: URL
    var environment: [String: String]

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureBank = packageRoot.appendingPathComponent("Tests/ShellTests/Fixtures/bank").path

    /// The executable next to the test bundle (SwiftPM builds it because the tests depend on it).
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlopslab")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/mlopslab")
    }

    /// A fresh state home in a temporary folder; the bank is the small fixture bank unless told otherwise.
    init(bank: String? = BinaryRunner.fixtureBank) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["HOME"] = home.path
        if let bank { environment["MLOPSLAB_SCENARIOS"] = bank } else { environment.removeValue(forKey: "MLOPSLAB_SCENARIOS") }
        self.environment = environment
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `mlopslab --home HOME arguments...` with `input` on stdin and waits for it.
    func run(_ arguments: [String], input: String = "") throws -> Output {
        let process = try start(arguments)
        process.stdin.fileHandleForWriting.write(Data(input.utf8))
        try process.stdin.fileHandleForWriting.close()
        return process.finish()
    }

    /// Starts the binary and leaves stdin open, for interactive tests.
    func start(_ arguments: [String]) throws -> Running {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--home", home.path] + arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return Running(process: process, stdin: stdin, stdout: stdout, stderr: stderr)
    }

    final class Running {
        let process: Process
        let stdin: Pipe
        let stdout: Pipe
        let stderr: Pipe
        private var collected = Data()

        init(process: Process, stdin: Pipe, stdout: Pipe, stderr: Pipe) {
            self.process = process
            self.stdin = stdin
            self.stdout = stdout
            self.stderr = stderr
        }

        func send(_ text: String) { stdin.fileHandleForWriting.write(Data(text.utf8)) }

        /// Reads stdout until `marker` appears (or `timeout` seconds pass); returns what was read so far.
        @discardableResult
        func waitFor(_ marker: String, timeout: TimeInterval = 20) -> String {
            let deadline = Date().addingTimeInterval(timeout)
            let fd = stdout.fileHandleForReading.fileDescriptor
            while Date() < deadline {
                if String(decoding: collected, as: UTF8.self).contains(marker) { break }
                // Poll so a process that prints nothing more cannot hold the test past `timeout`.
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
                if n <= 0 { break }
                collected.append(contentsOf: chunk[0..<n])
            }
            return String(decoding: collected, as: UTF8.self)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func finish() -> Output {
            try? stdin.fileHandleForWriting.close()
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            collected.append(out)
            return Output(status: process.terminationStatus, stdout: String(decoding: collected, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
        }
    }
}
