import Foundation

/// A job the Workspace still has as in progress when it starts.
public struct InProgressJob: Sendable, Equatable {
    /// The job name.
    public var name: String
    /// Its sandbox folder (`JobRecordInfo.sandbox`).
    public var sandbox: URL
    /// The process the Workspace last saw in charge of the job (the detached runner, or the process
    /// submitting it), used while the job has no `system_logs/process.json` yet.
    public var launcherPid: Int32?

    public init(name: String, sandbox: URL, launcherPid: Int32? = nil) {
        self.name = name
        self.sandbox = sandbox
        self.launcherPid = launcherPid
    }
}

/// Finds jobs whose runner died mid-run (the REPL or one-shot process was killed) and ends them.
public enum JobRecovery {
    /// The message a job gets when its runner vanished.
    public static let unexpectedEndMessage = "The job's process ended unexpectedly (the mlopslab process running it stopped before the job finished). Logs written so far are kept in user_logs/std_log.txt; submit the job again."

    /// For each job whose runner process is gone: stops its command if it still runs, keeps its logs and
    /// returns a terminal result (Failed with `unexpectedEndMessage`, Canceled when a cancel was requested,
    /// or the stored result when the job had in fact finished). Jobs still run by a live process are skipped.
    public static func recover(_ jobs: [InProgressJob], isAlive: (Int32) -> Bool = ChildProcess.isAlive,
                               currentPid: Int32 = ChildProcess.currentPid) -> [JobResult] {
        var results: [JobResult] = []
        for job in jobs {
            let sandbox = JobSandbox(root: job.sandbox)
            let info = sandbox.processInfo()
            if let info, info.runnerPid == currentPid || isAlive(info.runnerPid) { continue }
            if info == nil, let launcher = job.launcherPid, launcher == currentPid || isAlive(launcher) { continue }
            if let info, info.pid > 0, isAlive(info.pid) { ChildProcess.terminateGroup(info.pid) }
            let now = Date()
            if let data = try? Data(contentsOf: sandbox.resultFile),
               let stored = try? JSONDecoder().decode(StoredJobResult.self, from: data),
               let status = JobStatus(rawValue: stored.status), status.isTerminal {
                results.append(JobResult(name: job.name, status: status, error: stored.errorMessage.map { JobErrorInfo(code: "UserError", message: $0) },
                                         endedAt: now, outputs: stored.outputs.mapValues { URL(fileURLWithPath: $0) },
                                         run: RunRecord.read(from: sandbox.runFolder).record))
                continue
            }
            let canceled = FileManager.default.fileExists(atPath: sandbox.cancelMarker.path)
            let status: JobStatus = canceled ? .canceled : .failed
            let message = canceled ? "The job was canceled; its process had already stopped." : unexpectedEndMessage
            JobSandbox.append("\n[mlopslab] \(message)\n", to: sandbox.systemLogs.appendingPathComponent("recovery.txt"))
            let stored = StoredJobResult(status: status.rawValue, outputs: [:], errorMessage: message)
            if let data = try? JSONEncoder().encode(stored) { try? data.write(to: sandbox.resultFile) }
            results.append(JobResult(name: job.name, status: status, error: JobErrorInfo(code: canceled ? "UserError" : "SystemError", message: message),
                                     endedAt: now, run: RunRecord.read(from: sandbox.runFolder).record))
        }
        return results
    }
}
