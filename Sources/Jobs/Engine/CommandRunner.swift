import Foundation

/// Runs one resolved command in its sandbox and reports every status change through the sink.
struct CommandRunner: Sendable {
    let configuration: JobEngineConfiguration
    let resolver: any JobAssetResolver
    let sink: any JobEventSink

    func run(_ run: CommandRun, cancellation: JobCancellation) -> JobResult {
        let name = run.info.name
        let sandbox = run.sandbox
        do {
            try sandbox.create()
        } catch {
            // The folder belongs to another job (a concurrent submission of the same name): touch nothing.
            return JobResult(name: name, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), endedAt: Date())
        }
        sandbox.writeProcessInfo(pid: 0)
        sink.record(.created(run.info))
        status(name, .notStarted)
        status(name, .queued)
        if isCancelRequested(sandbox, cancellation, run.cancelMarkers) { return canceled(run, startedAt: nil, reason: cancellation.reason) }
        do {
            try resolver.checkComputeReady(run.info.compute)
        } catch {
            JobSandbox.append("\(error)\n", to: sandbox.stdLog)
            sink.record(.log(job: name, text: "\(error)\n"))
            return finish(run, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), startedAt: nil, outputs: [:])
        }
        status(name, .preparing)
        let outputs: [String: URL]
        let commandLine: String
        let accessEnvironment: [String: String]
        do {
            accessEnvironment = try resolver.authorizeRun(RunAccessRequest(jobName: name, compute: run.info.compute, identityType: run.identityType,
                                                                           dataPaths: run.dataPaths))
            let inputValues = try InputMaterializer.materialize(run.inputs, into: sandbox)
            outputs = try InputMaterializer.createOutputs(run.outputs, in: sandbox)
            try InputMaterializer.copyCode(run.codeFolder, includes: run.additionalIncludes, into: sandbox.workingDirectory)
            try prepareEnvironment(run, sandbox: sandbox)
            commandLine = Self.render(run.command, inputs: inputValues, outputs: outputs, jobName: name, searchValues: run.searchValues)
        } catch {
            let message = "\(error)"
            return finish(run, status: .failed, error: JobErrorInfo(code: "UserError", message: message), startedAt: nil, outputs: [:])
        }
        if isCancelRequested(sandbox, cancellation, run.cancelMarkers) { return canceled(run, startedAt: nil, reason: cancellation.reason) }

        var environment = configuration.baseEnvironment
        for (key, value) in configuration.extraEnvironment { environment[key] = value }
        for (key, value) in accessEnvironment { environment[key] = value }
        for (key, value) in run.environmentVariables { environment[key] = value }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let tools = configuration.toolDirectory { environment["PATH"] = "\(tools.path):\(path)" }
        environment["MLOPSLAB_RUN_DIR"] = sandbox.runFolder.path
        environment["AZUREML_RUN_ID"] = name
        environment["AZUREML_EXPERIMENT_NAME"] = run.info.experimentName

        let startedAt = Date()
        status(name, .running, at: startedAt)
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", commandLine], environment: environment,
                                             workingDirectory: sandbox.workingDirectory, logFile: sandbox.stdLog)
        } catch {
            return finish(run, status: .failed, error: JobErrorInfo(code: "SystemError", message: "\(error)"), startedAt: startedAt, outputs: [:])
        }
        sandbox.writeProcessInfo(pid: process.pid)
        sink.record(.processStarted(job: name, pid: process.pid, runnerPid: ChildProcess.currentPid))

        let ending = watch(process, run: run, sandbox: sandbox, cancellation: cancellation, startedAt: startedAt)
        switch ending {
        case .canceled:
            return canceled(run, startedAt: startedAt, reason: cancellation.reason)
        case .earlyTerminated(let reason):
            return finish(run, status: .canceled, error: JobErrorInfo(code: "UserError", message: reason), startedAt: startedAt, outputs: outputs)
        case .timedOut(let seconds):
            let message = "The job ran longer than its limits.timeout of \(seconds) seconds and was canceled. Logs so far are in user_logs/std_log.txt."
            return finish(run, status: .canceled, error: JobErrorInfo(code: "UserError", message: message), startedAt: startedAt, outputs: outputs)
        case .ended(let termination):
            status(name, .finalizing)
            if termination.statusCode == 0 {
                do {
                    try resolver.registerOutputs(job: name, declared: run.info.outputs, outputs: outputs)
                } catch {
                    JobSandbox.append("\(error)\n", to: sandbox.stdLog)
                    return finish(run, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), startedAt: startedAt, outputs: outputs)
                }
                return finish(run, status: .completed, error: nil, startedAt: startedAt, outputs: outputs)
            }
            let message = Self.failureMessage(command: run.command, termination: termination, log: sandbox.stdLog)
            return finish(run, status: .failed, error: JobErrorInfo(code: "UserError", message: message), startedAt: startedAt, outputs: outputs)
        }
    }

    /// Builds the environment, keeping its log in `system_logs/environment_build_log.txt`. When the build
    /// fails, its log also goes to the job's log and stream (as Azure streams the image build section), so
    /// `job stream`, `--stream` and `user_logs/std_log.txt` show why the job never ran.
    private func prepareEnvironment(_ run: CommandRun, sandbox: JobSandbox) throws {
        var lines: [String] = []
        do {
            try resolver.prepareEnvironment(run.environment, baseDirectory: run.baseDirectory) { line in
                let text = line.hasSuffix("\n") ? line : line + "\n"
                lines.append(text)
                JobSandbox.append(text, to: sandbox.environmentLog)
            }
        } catch {
            if !lines.isEmpty {
                let text = lines.joined()
                JobSandbox.append(text, to: sandbox.stdLog)
                sink.record(.log(job: run.info.name, text: text))
            }
            throw error
        }
    }

    enum Ending {
        case ended(ProcessTermination)
        case canceled
        case timedOut(Int)
        case earlyTerminated(String)
    }

    private func watch(_ process: ChildProcess, run: CommandRun, sandbox: JobSandbox, cancellation: JobCancellation, startedAt: Date) -> Ending {
        let tailer = LogTailer(file: sandbox.stdLog)
        var interval = 0.001
        var watchedCount = 0
        let watchedFile = run.progressMetric.map { sandbox.runFolder.appendingPathComponent("metrics").appendingPathComponent($0) }
        defer {
            if let text = tailer.read(flush: true) { sink.record(.log(job: run.info.name, text: text)) }
        }
        while true {
            if let termination = process.poll() { return .ended(termination) }
            if let text = tailer.read() { sink.record(.log(job: run.info.name, text: text)) }
            if isCancelRequested(sandbox, cancellation, run.cancelMarkers) {
                stop(process)
                return .canceled
            }
            if let watchedFile, let check = run.progressCheck {
                let values = Self.metricValues(watchedFile)
                if values.count != watchedCount {
                    watchedCount = values.count
                    if let reason = check(values) {
                        JobSandbox.append("\n[mlopslab] \(reason)\n", to: sandbox.stdLog)
                        stop(process)
                        return .earlyTerminated(reason)
                    }
                }
            }
            if let limit = run.timeoutSeconds, Date().timeIntervalSince(startedAt) >= Double(limit) {
                stop(process)
                return .timedOut(limit)
            }
            Thread.sleep(forTimeInterval: interval)
            interval = min(interval * 1.5, configuration.maximumPollInterval)
        }
    }

    private func stop(_ process: ChildProcess) {
        process.signalGroup(SIGTERM)
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline {
            if process.poll() != nil { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.signalGroup(SIGKILL)
        _ = process.wait()
    }

    private func isCancelRequested(_ sandbox: JobSandbox, _ cancellation: JobCancellation, _ currentMarkers: [URL]) -> Bool {
        if cancellation.isCancelled || FileManager.default.fileExists(atPath: sandbox.cancelMarker.path) { return true }
        return currentMarkers.contains { FileManager.default.fileExists(atPath: $0.path) }
    }

    private func status(_ name: String, _ status: JobStatus, at date: Date = Date()) {
        sink.record(.status(job: name, status: status, at: date))
    }

    private func canceled(_ run: CommandRun, startedAt: Date?, reason: String? = nil) -> JobResult {
        finish(run, status: .canceled, error: JobErrorInfo(code: "UserError", message: reason ?? "The job was canceled by a user request."), startedAt: startedAt, outputs: [:])
    }

    private func finish(_ run: CommandRun, status: JobStatus, error: JobErrorInfo?, startedAt: Date?, outputs: [String: URL]) -> JobResult {
        let sandbox = run.sandbox
        let (record, problems) = RunRecord.read(from: sandbox.runFolder)
        if !problems.isEmpty {
            JobSandbox.append(problems.map { "warning: \($0)\n" }.joined(), to: sandbox.systemLogs.appendingPathComponent("run_record_warnings.txt"))
        }
        var allOutputs = outputs
        if status == .completed || !outputs.isEmpty { allOutputs["artifacts"] = sandbox.workingDirectory }
        let endedAt = Date()
        let result = JobResult(name: run.info.name, status: status, error: error, startedAt: startedAt, endedAt: endedAt,
                               outputs: allOutputs, run: record)
        let stored = StoredJobResult(status: status.rawValue, outputs: allOutputs.mapValues(\.path), errorMessage: error?.message)
        if let data = try? JSONEncoder().encode(stored) { try? data.write(to: sandbox.resultFile) }
        self.status(run.info.name, status, at: endedAt)
        sink.record(.finished(result))
        return result
    }

    /// The values of a metric file (`<timestamp-ms> <value> <step>` lines); unreadable lines are skipped.
    static func metricValues(_ file: URL) -> [Double] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count >= 2 ? Double(fields[1]) : nil
        }
    }

    /// Substitutes bindings and optional blocks into the command.
    static func render(_ command: String, inputs: [String: String], outputs: [String: URL], jobName: String, searchValues: [String: String]) -> String {
        let withBlocks = BindingScanner.resolveOptionalBlocks(command) { inputs[$0] != nil }
        return BindingScanner.substitute(withBlocks) { target in
            switch target {
            case .input(let name): return inputs[name].map(ShellQuoting.quoteIfNeeded)
            case .output(let name): return outputs[name].map { ShellQuoting.quoteIfNeeded($0.path) }
            case .jobName: return jobName
            case .searchSpace(let name): return searchValues[name].map(ShellQuoting.quoteIfNeeded)
            default: return nil
            }
        }
    }

    /// Azure's wording for a user process that exited with an error, with the log's last line.
    static func failureMessage(command: String, termination: ProcessTermination, log: URL) -> String {
        let program = command.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map(String.init) ?? "sh"
        var message = "Execution failed. User process '\(program)' exited with status code \(termination.statusCode). Please check log file 'user_logs/std_log.txt' for error details."
        if case .signaled(let signal) = termination { message += " The process was stopped by signal \(signal)." }
        if let text = try? String(contentsOf: log, encoding: .utf8),
           let last = text.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            message += " Error: \(last.prefix(300))"
        }
        return message
    }
}

/// Quotes substituted values that the shell would otherwise split or expand.
enum ShellQuoting {
    static func quoteIfNeeded(_ value: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@%")
        if !value.isEmpty, value.allSatisfy({ safe.contains($0) }) { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
