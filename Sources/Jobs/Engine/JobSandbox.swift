import Foundation

/// The folder of one job: where it runs, its inputs, outputs, logs and run record.
///
/// ```
/// <jobs root>/<job name>/
///   wd/                     working directory: a copy of `code:`; ./outputs and ./logs (created empty) are default artifacts
///   inputs/<name>/          materialised data inputs
///   outputs/<name>/         named outputs
///   run/                    MLOPSLAB_RUN_DIR (params, metrics, tags, artifacts)
///   user_logs/std_log.txt   the command's stdout and stderr
///   system_logs/            engine notes: process.json, result.json, cancel_requested, environment log
///   logs/azureml/executionlogs.txt   (pipelines)   azureml-logs/hyperdrive.txt (sweeps)
/// ```
public struct JobSandbox: Sendable, Equatable {
    /// `<jobs root>/<job name>`.
    public let root: URL

    public init(jobsRoot: URL, name: String) {
        self.root = jobsRoot.appendingPathComponent(name, isDirectory: true)
    }

    public init(root: URL) { self.root = root }

    public var workingDirectory: URL { root.appendingPathComponent("wd", isDirectory: true) }
    public var inputsFolder: URL { root.appendingPathComponent("inputs", isDirectory: true) }
    public var outputsFolder: URL { root.appendingPathComponent("outputs", isDirectory: true) }
    public var runFolder: URL { root.appendingPathComponent("run", isDirectory: true) }
    public var userLogs: URL { root.appendingPathComponent("user_logs", isDirectory: true) }
    public var stdLog: URL { userLogs.appendingPathComponent("std_log.txt") }
    public var systemLogs: URL { root.appendingPathComponent("system_logs", isDirectory: true) }
    /// `system_logs/process.json`: the command's process group and the runner's pid.
    public var processFile: URL { systemLogs.appendingPathComponent("process.json") }
    /// `system_logs/result.json`: the terminal status and outputs (step reuse, recovery).
    public var resultFile: URL { systemLogs.appendingPathComponent("result.json") }
    /// Written by `JobEngine.requestCancel`; the runner stops the job when it appears.
    public var cancelMarker: URL { systemLogs.appendingPathComponent("cancel_requested") }
    /// Lines the resolver wrote while preparing the environment.
    public var environmentLog: URL { systemLogs.appendingPathComponent("environment_build_log.txt") }
    public var pipelineLog: URL { root.appendingPathComponent("logs/azureml/executionlogs.txt") }
    public var sweepLog: URL { root.appendingPathComponent("azureml-logs/hyperdrive.txt") }

    /// The log `job stream` follows for a job of `type` (relative path, as az names it).
    public static func streamedLogName(type: String) -> String {
        switch type {
        case "pipeline": return "logs/azureml/executionlogs.txt"
        case "sweep": return "azureml-logs/hyperdrive.txt"
        default: return "user_logs/std_log.txt"
        }
    }

    /// Creates the folder tree; fails if a job with this name already has a folder. The job folder itself
    /// is created with one `mkdir`, so two processes submitting the same name cannot both get it.
    func create() throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw JobsError.sandbox(path: root.path, reason: error.localizedDescription)
        }
        if mkdir(root.path, 0o755) != 0 {
            let reason = errno == EEXIST ? "a job with this name already exists; choose another --name" : String(cString: strerror(errno))
            throw JobsError.sandbox(path: root.path, reason: reason)
        }
        do {
            let defaultArtifacts = [workingDirectory.appendingPathComponent("outputs"), workingDirectory.appendingPathComponent("logs")]
            for folder in [workingDirectory, inputsFolder, outputsFolder, runFolder, userLogs, systemLogs] + defaultArtifacts {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            _ = manager.createFile(atPath: stdLog.path, contents: nil)
        } catch {
            throw JobsError.sandbox(path: root.path, reason: error.localizedDescription)
        }
    }

    /// Records which process runs the job (and, once started, the command's process group).
    func writeProcessInfo(pid: Int32) {
        let info = JobProcessInfo(pid: pid, runnerPid: ChildProcess.currentPid)
        if let data = try? JSONEncoder().encode(info) { try? data.write(to: processFile, options: .atomic) }
    }

    /// The recorded process ids, when present.
    public func processInfo() -> JobProcessInfo? {
        guard let data = try? Data(contentsOf: processFile) else { return nil }
        return try? JSONDecoder().decode(JobProcessInfo.self, from: data)
    }

    /// Appends text to a log file (created when missing); best effort.
    static func append(_ text: String, to file: URL) {
        let manager = FileManager.default
        try? manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !manager.fileExists(atPath: file.path) { _ = manager.createFile(atPath: file.path, contents: nil) }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// The process ids a running job leaves in `system_logs/process.json`, so another process can cancel
/// it and a restart can tell a crashed run from a live one.
public struct JobProcessInfo: Codable, Sendable, Equatable {
    /// Process group of the job's command.
    public var pid: Int32
    /// The process running the engine (the REPL or one-shot `mlopslab`).
    public var runnerPid: Int32

    public init(pid: Int32, runnerPid: Int32) {
        self.pid = pid
        self.runnerPid = runnerPid
    }
}

/// The outcome a finished job leaves in `system_logs/result.json` (used for step reuse).
struct StoredJobResult: Codable, Equatable {
    var status: String
    var outputs: [String: String]
    var errorMessage: String?
}
