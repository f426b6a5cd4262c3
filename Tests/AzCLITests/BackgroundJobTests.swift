import Foundation
import Testing

/// `az ml job create` run as the real `mlopslab` binary: it returns while the job runs in a detached
/// runner process that other processes show, follow, cancel and recover.
@Suite("background jobs (real processes)")
struct BackgroundJobTests {
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlopslab")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/mlopslab")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `mlopslab --home HOME az <words>` in the sandbox's working folder and waits for it.
    func mlopslab(_ box: AzSandbox, _ words: [String], interruptAfter: Double? = nil) throws -> Output {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--home", box.home.path, "az"] + words
        process.currentDirectoryURL = box.work
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            kill(process.processIdentifier, SIGINT)
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func status(_ box: AzSandbox, _ job: String) throws -> String {
        try mlopslab(box, ["ml", "job", "show", "-n", job, "--query", "status", "-o", "tsv"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls `job show` in a separate process until `job` reaches `wanted` (or `timeout` passes).
    func waitFor(_ box: AzSandbox, _ job: String, _ wanted: Set<String>, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try status(box, job)
            if wanted.contains(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return last
    }

    /// `runnerPid` (the detached runner) or `pid` (the job's command) from the job's process.json.
    func processId(_ box: AzSandbox, _ job: String, _ key: String = "runnerPid") -> Int32? {
        let file = box.home.appendingPathComponent("jobs/\(job)/system_logs/process.json")
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = object[key] as? Int else { return nil }
        return Int32(pid)
    }

    /// Whether `pid` ends within `timeout` seconds (a zombie counts as ended).
    func ends(_ pid: Int32, within timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if kill(pid, 0) != 0 || stat.contains(") Z") { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    @Test("create returns at once with status Starting while the job runs; show reports Running, then Completed")
    func createReturnsAtOnce() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        #expect(try mlopslab(box, ["account", "show", "-o", "none"]).status == 0)
        try box.write("job.yml", "command: echo started && sleep 2 && echo finished\nenvironment:\n  image: python\nname: job_bg\n")
        let began = Date()
        let created = try mlopslab(box, ["ml", "job", "create", "-f", "job.yml", "--query", "[name,status]", "-o", "tsv"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "job_bg\nStarting\n")
        #expect(try waitFor(box, "job_bg", ["Running"]) == "Running")
        #expect(try waitFor(box, "job_bg", ["Completed", "Failed", "Canceled"]) == "Completed")
        let log = try mlopslab(box, ["ml", "job", "stream", "-n", "job_bg"])
        #expect(log.stdout.contains("started\nfinished\n"))
        #expect(Date().timeIntervalSince(began) >= 2.0)
    }

    @Test("job cancel from another process stops the running job: Canceled, its command gone")
    func cancelFromAnotherProcess() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        try box.write("slow.yml", "command: echo started && sleep 30\nenvironment:\n  image: python\nname: job_cancel\n")
        #expect(try mlopslab(box, ["ml", "job", "create", "-f", "slow.yml", "-o", "none"]).status == 0)
        #expect(try waitFor(box, "job_cancel", ["Running"]) == "Running")
        let began = Date()
        let cancel = try mlopslab(box, ["ml", "job", "cancel", "-n", "job_cancel"])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(try status(box, "job_cancel") == "Canceled")
        let command = try #require(processId(box, "job_cancel", "pid"))
        let runner = try #require(processId(box, "job_cancel"))
        #expect(ends(command), "the job's command should have been stopped")
        #expect(ends(runner), "the runner should have ended")
    }

    @Test("SIGKILL of the runner: the next command shows the job Failed, its logs kept")
    func killedRunnerIsRecovered() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        try box.write("slow.yml", "command: echo started && sleep 30\nenvironment:\n  image: python\nname: job_killed\n")
        #expect(try mlopslab(box, ["ml", "job", "create", "-f", "slow.yml", "-o", "none"]).status == 0)
        #expect(try waitFor(box, "job_killed", ["Running"]) == "Running")
        let runner = try #require(processId(box, "job_killed"))
        let command = try #require(processId(box, "job_killed", "pid"))
        #expect(kill(runner, SIGKILL) == 0)
        #expect(ends(runner))
        #expect(try status(box, "job_killed") == "Failed")
        let message = try mlopslab(box, ["ml", "job", "show", "-n", "job_killed", "--query", "error.message", "-o", "tsv"])
        #expect(message.stdout.contains("ended unexpectedly"))
        #expect(try mlopslab(box, ["ml", "job", "stream", "-n", "job_killed"]).stdout.contains("started"))
        #expect(ends(command), "recovery stops the orphaned command")
    }

    @Test("--stream follows the runner: the log, then the execution summary; Ctrl-C stops following, the job keeps running")
    func streamAndDetach() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        try box.write("job.yml", "command: echo one && sleep 0.5 && echo two\nenvironment:\n  image: python\nname: job_streamed\n")
        let streamed = try mlopslab(box, ["ml", "job", "create", "-f", "job.yml", "--stream", "--query", "status", "-o", "tsv"])
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout.hasPrefix("RunId: job_streamed\n"))
        #expect(streamed.stdout.contains("one\ntwo\n"))
        #expect(streamed.stdout.contains("Execution Summary\n=================\nRunId: job_streamed\n"))
        #expect(streamed.stdout.hasSuffix("Completed\n"))

        try box.write("slow.yml", "command: echo begun && sleep 2 && echo ended\nenvironment:\n  image: python\nname: job_detached\n")
        let interrupted = try mlopslab(box, ["ml", "job", "create", "-f", "slow.yml", "--stream", "-o", "none"], interruptAfter: 0.8)
        #expect(interrupted.status == 0, "\(interrupted.stderr)")
        #expect(interrupted.stderr.contains("keeps running"))
        #expect(!interrupted.stdout.contains("Execution Summary"))
        #expect(try waitFor(box, "job_detached", ["Completed", "Failed", "Canceled"]) == "Completed")
    }

    @Test("registering a model from, or downloading, a running job's output is refused until the job completes")
    func modelFromRunningJob() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        try box.write("job.yml", """
            command: mkdir -p ${{outputs.model}} && echo w > ${{outputs.model}}/weights.txt && sleep 1.5
            environment:
              image: python
            name: job_model
            outputs:
              model:
                type: uri_folder

            """)
        #expect(try mlopslab(box, ["ml", "job", "create", "-f", "job.yml", "-o", "none"]).status == 0)
        let early = try mlopslab(box, ["ml", "model", "create", "-n", "m", "--path", "azureml://jobs/job_model/outputs/model", "-o", "none"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("not Completed"))
        let download = try mlopslab(box, ["ml", "job", "download", "-n", "job_model", "--all", "-p", "early"])
        #expect(download.status == 1)
        #expect(download.stderr.contains("Download is allowed only in states ['Completed', 'Failed', 'Canceled', 'NotResponding', 'Paused']"), "\(download.stderr)")
        #expect(try waitFor(box, "job_model", ["Completed", "Failed", "Canceled"]) == "Completed")
        #expect(try mlopslab(box, ["ml", "job", "download", "-n", "job_model", "--output-name", "model", "-p", "late"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: box.work.appendingPathComponent("late/named-outputs/model/weights.txt").path))
        let late = try mlopslab(box, ["ml", "model", "create", "-n", "m", "--path", "azureml://jobs/job_model/outputs/model", "--query", "job_name", "-o", "tsv"])
        #expect(late.stdout == "job_model\n", "\(late.stderr)")
    }

    @Test("the runner's entry point `job _run` stays out of help and suggestions")
    func runnerIsHidden() throws {
        let box = try AzSandbox()
        let help = box.az("ml job --help")
        #expect(help.stdout.contains("create"))
        #expect(!help.stdout.contains("_run"))
        let typo = box.az("ml job _rnu")
        #expect(typo.status == 2)
        #expect(!typo.stderr.contains("_run"))
        #expect(box.az("ml job _run -n nothing").stderr.contains("was not found"))
    }

    @Test("two processes submitting the same job name at once: one is created, the other gets a clear error")
    func concurrentSameName() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path))
        let box = try AzSandbox()
        #expect(try mlopslab(box, ["account", "show", "-o", "none"]).status == 0)
        try box.write("job.yml", "command: echo once\nenvironment:\n  image: python\nname: job_twice\n")
        let launched = try (0..<2).map { _ -> (Process, Pipe) in
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["--home", box.home.path, "az", "ml", "job", "create", "-f", "job.yml", "-o", "none"]
            process.currentDirectoryURL = box.work
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, err)
        }
        let outputs = launched.map { process, err -> Output in
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
        }
        #expect(outputs.count == 2)
        #expect(outputs.filter { $0.status == 0 }.count == 1)
        #expect(outputs.contains { $0.status == 1 && $0.stderr.contains("already exists") })
        #expect(try waitFor(box, "job_twice", ["Completed", "Failed", "Canceled"]) == "Completed")
        #expect(try mlopslab(box, ["ml", "job", "stream", "-n", "job_twice"]).stdout.components(separatedBy: "once\n").count == 2)
    }
}
