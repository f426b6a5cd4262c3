import CLICore
import Foundation
import Jobs

/// `az ml job create` as Azure does it: every submit-time check runs here, the job is recorded as
/// `Starting`, and a detached `mlopslab az ml job _run` process (its own session, so it survives the
/// REPL, the one-shot command and Ctrl-C) runs it. `job show/list/stream/cancel` read and steer it
/// from any process.
extension JobService {
    /// What `start` returns right after the job is handed to its runner.
    public struct Started: Sendable {
        /// The job JSON at that moment (status `Starting`).
        public var entity: JSONValue
        public var name: String
        public var type: String
        /// "not simulated yet" notes to print as warnings.
        public var warnings: [String]
        /// The detached runner's pid (nil when the job ran in this process, see `start`).
        public var runnerPid: Int32?
    }

    /// The `mlopslab` executable that runs jobs: `MLOPSLAB_EXECUTABLE` when set, else this process's own
    /// executable when it is `mlopslab`. Nil when embedded elsewhere (a test bundle).
    public static func runnerExecutable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["MLOPSLAB_EXECUTABLE"], FileManager.default.isExecutableFile(atPath: path) { return path }
        guard let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              URL(fileURLWithPath: own).lastPathComponent == "mlopslab" else { return nil }
        return own
    }

    /// Checks and records the job in `file`, then starts `runner` (`mlopslab`) detached to run it and
    /// returns at once. Every submit-time error is thrown before anything is recorded. With no `runner`
    /// (embedded use) the job runs to its end in this process, as `submit` does.
    public func start(file: URL, nameOverride: String?, patches: [JSONPatch], workingFolder: URL, pathGuard: PathGuard,
                      runner: String?) throws -> Started {
        let checked = try check(file: file, nameOverride: nameOverride, patches: patches, workingFolder: workingFolder, pathGuard: pathGuard)
        let prepared = checked.prepared
        let warnings = prepared.warnings.map { String(describing: $0) }
        guard let runner else {
            let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: (prepared.name, checked.extra, checked.lineage),
                                            streamedJob: nil, onLog: nil)
            JobEngine(configuration: configuration(), resolver: checked.resolver, sink: recorder).run(prepared)
            let stored = try JobRecords(workspace: workspace, target: target).find(prepared.name)
            return Started(entity: stored.entity, name: prepared.name, type: prepared.type, warnings: warnings + recorder.recordingProblems, runnerPid: nil)
        }
        try claim(prepared.name)
        let submission: JSONValue = [
            "document": checked.document, "file": .string(file.path), "working_folder": .string(workingFolder.path),
            "path_roots": .array(pathGuard.roots.map(JSONValue.string)),
        ]
        let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: (prepared.name, checked.extra, checked.lineage),
                                        streamedJob: nil, onLog: nil)
        try recorder.createTopLevel(prepared.recordInfo, status: .starting,
                                    internal: ["submission": submission, "runner_pid": .int(Int64(ChildProcess.currentPid))])
        let arguments = ["--home", workspace.home.path, "az", "ml", "job", "_run", "--name", prepared.name,
                         "--resource-group", target.resourceGroup, "--workspace-name", target.workspaceName]
        let log = jobsRoot.appendingPathComponent(".runners", isDirectory: true).appendingPathComponent("\(prepared.name).log")
        let records = JobRecords(workspace: workspace, target: target)
        let pid: Int32
        do {
            pid = try DetachedProcess.start(executable: runner, arguments: arguments, environment: ProcessInfo.processInfo.environment, log: log)
        } catch {
            recorder.record(.finished(JobResult(name: prepared.name, status: .failed,
                                                error: JobErrorInfo(code: "SystemError", message: String(describing: error)), endedAt: Date())))
            throw error
        }
        try? records.modify(prepared.name) { _, hidden in
            if hidden["runner_started"] == nil { hidden = hidden.setting("runner_pid", .int(Int64(pid))) }
        }
        let stored = try records.find(prepared.name)
        return Started(entity: stored.entity, name: prepared.name, type: prepared.type, warnings: warnings, runnerPid: pid)
    }

    /// Claims the job name with one `mkdir`, so two processes submitting the same name at once cannot
    /// both record it (the store's save would let the second overwrite the first).
    func claim(_ name: String) throws {
        let runners = jobsRoot.appendingPathComponent(".runners", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: runners, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: runners.appendingPathComponent("\(name).claim", isDirectory: true), withIntermediateDirectories: false)
        } catch {
            throw WorkspaceError.failed("(UserError) A job with the name \(name) already exists in \(target.displayName); job names are unique. Omit `name:` to get a generated one.")
        }
    }

    /// The body of the detached runner (`az ml job _run -n NAME`): re-reads the submission the job was
    /// recorded with, prepares it again and runs it to its end, recording every event. A job canceled
    /// before its runner got going is left as it is.
    @discardableResult
    public func runSubmitted(_ name: String) throws -> JobResult? {
        let records = JobRecords(workspace: workspace, target: target)
        let stored = try records.find(name)
        if let status = stored.entity["status"]?.stringValue.flatMap(JobStatus.init(rawValue:)), status.isTerminal { return nil }
        guard let body = JSONValue.parse(stored.record.body), let submission = body["internal"]?["submission"],
              let path = submission["file"]?.stringValue else {
            throw WorkspaceError.failed("(UserError) Job \(name) was not submitted with `az ml job create`, so there is nothing to run.")
        }
        try records.modify(name) { _, hidden in
            hidden = hidden.setting("runner_pid", .int(Int64(ChildProcess.currentPid))).setting("runner_started", .bool(true))
        }
        let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: nil, streamedJob: nil, onLog: nil)
        do {
            let file = URL(fileURLWithPath: path)
            let parsed: ParsedJob
            if let text = submission["document"]?["text"]?.stringValue {
                parsed = try JobSpecParser.parseJob(yaml: text, file: path)
            } else if let patched = submission["document"]?["patched"] {
                parsed = try JobSpecParser.parseJob(node: patched.yamlNode(), file: path)
            } else {
                throw WorkspaceError.failed("the stored submission of job \(name) is damaged")
            }
            let roots = (submission["path_roots"]?.arrayValue ?? []).compactMap(\.stringValue).map { URL(fileURLWithPath: $0) }
            let working = URL(fileURLWithPath: submission["working_folder"]?.stringValue ?? file.deletingLastPathComponent().path)
            let resolver = WorkspaceJobResolver(workspace: workspace, target: target, pathGuard: PathGuard(roots: roots))
            let engine = JobEngine(configuration: configuration(), resolver: resolver, sink: recorder)
            let prepared = try engine.prepare(JobSubmission(job: parsed, baseDirectory: file.deletingLastPathComponent(), nameOverride: name,
                                                            defaultExperimentName: working.lastPathComponent))
            return engine.run(prepared)
        } catch {
            let message = (error as? any UserFacingError)?.message ?? String(describing: error)
            let result = JobResult(name: name, status: .failed, error: JobErrorInfo(code: "UserError", message: message), endedAt: try workspace.clock.now())
            recorder.record(.finished(result))
            return result
        }
    }
}
