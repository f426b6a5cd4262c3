import Foundation
import Jobs
import Yams

/// `az ml job create|cancel` and crash recovery: parses and checks a job YAML, records the job,
/// and runs it with the Jobs engine (in a detached runner process, see `JobLauncher`, or here).
public struct JobService: Sendable {
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// Folder holding every job's sandbox.
    public var jobsRoot: URL { workspace.home.appendingPathComponent("jobs", isDirectory: true) }

    /// The workspace names as the engine shows them (Web View links).
    public var context: WorkspaceContext {
        WorkspaceContext(subscriptionId: target.subscriptionId, resourceGroup: target.resourceGroup, workspaceName: target.workspaceName)
    }

    func configuration() -> JobEngineConfiguration {
        JobEngineConfiguration(jobsRoot: jobsRoot, workspace: context, extraEnvironment: ["MLOPSLAB_HOME": workspace.home.path])
    }

    /// What `submit` returns.
    public struct Submitted: Sendable {
        public var entity: JSONValue
        public var status: JobStatus
        public var error: JobErrorInfo?
        public var warnings: [String]
    }

    /// Parses, checks and runs the job in `file` in this process until it ends (embedded use and
    /// tests; `az ml job create` uses `start`, which hands the job to a detached runner process).
    /// `onLog` receives the job's log as it grows; `onStart` is called once the job is recorded.
    public func submit(file: URL, nameOverride: String?, patches: [JSONPatch], workingFolder: URL, pathGuard: PathGuard,
                       onStart: ((_ name: String, _ type: String) -> Void)? = nil, onLog: (@Sendable (String) -> Void)? = nil) throws -> Submitted {
        let checked = try check(file: file, nameOverride: nameOverride, patches: patches, workingFolder: workingFolder, pathGuard: pathGuard)
        let prepared = checked.prepared
        let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: (prepared.name, checked.extra, checked.lineage),
                                        streamedJob: prepared.name, onLog: onLog)
        let engine = JobEngine(configuration: configuration(), resolver: checked.resolver, sink: recorder)
        onStart?(prepared.name, prepared.type)
        let result = engine.run(prepared)
        let stored = try JobRecords(workspace: workspace, target: target).find(prepared.name)
        return Submitted(entity: stored.entity, status: result.status, error: result.error,
                         warnings: prepared.warnings.map { String(describing: $0) } + recorder.recordingProblems)
    }

    /// A job that passed every submit-time check, with what its record needs.
    struct CheckedJob {
        var prepared: PreparedJob
        var resolver: WorkspaceJobResolver
        var extra: [String: JSONValue]
        var lineage: JSONValue
        /// The job YAML as submitted (text, or the `--set`-patched document), for the runner process.
        var document: JSONValue
    }

    /// Reads, parses and prepares the job in `file` (every submit-time error is thrown here).
    func check(file: URL, nameOverride: String?, patches: [JSONPatch], workingFolder: URL, pathGuard: PathGuard) throws -> CheckedJob {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw WorkspaceError.pathMissing(path: file.path)
        }
        let parsed: ParsedJob
        let document: JSONValue
        if patches.isEmpty {
            parsed = try JobSpecParser.parseJob(yaml: text, file: file.path)
            document = ["text": .string(text)]
        } else {
            var root = try YAMLDocument.parse(text, file: file, entity: "Job").root
            for patch in patches { root = try patch.apply(to: root) }
            parsed = try JobSpecParser.parseJob(node: root.yamlNode(), file: file.path)
            document = ["patched": root]
        }
        let submission = JobSubmission(job: parsed, baseDirectory: file.deletingLastPathComponent(), nameOverride: nameOverride,
                                       defaultExperimentName: workingFolder.lastPathComponent)
        let resolver = WorkspaceJobResolver(workspace: workspace, target: target, pathGuard: pathGuard)
        let probe = JobEngine(configuration: configuration(), resolver: resolver, sink: CollectingJobEventSink())
        let prepared = try probe.prepare(submission)
        if try workspace.database.resource(kind: JobRecords.kind, scope: target.scopeKey, name: prepared.name) != nil {
            throw WorkspaceError.failed("(UserError) A job with the name \(prepared.name) already exists in \(target.displayName); job names are unique. Omit `name:` to get a generated one.")
        }
        let (extra, lineage) = try describe(prepared, baseDirectory: submission.baseDirectory, pathGuard: pathGuard)
        return CheckedJob(prepared: prepared, resolver: resolver, extra: extra, lineage: lineage, document: document)
    }

    /// Ends jobs whose runner process died (after a crash or kill): Failed or Canceled, logs kept.
    @discardableResult
    public func recover() throws -> Int {
        let records = JobRecords(workspace: workspace, target: target)
        let pending = try records.inProgress()
        guard !pending.isEmpty else { return 0 }
        let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: nil, streamedJob: nil, onLog: nil)
        let results = JobRecovery.recover(pending)
        for result in results { recorder.record(.finished(result)) }
        return results.count
    }

    /// Asks a running job to stop, from any process: the runner sees the request within a poll and
    /// records the job Canceled. Records it Canceled here when its runner is already gone. A job whose
    /// runner has not created its folder yet gets a moment to do so. With `wait`, returns once the job
    /// has ended (up to `timeout` seconds).
    public func cancel(_ name: String, wait: Bool = false, timeout: Double = 15) throws {
        let records = JobRecords(workspace: workspace, target: target)
        let stored = try records.find(name)
        if let status = stored.entity["status"]?.stringValue.flatMap(JobStatus.init(rawValue:)), status.isTerminal { return }
        let sandbox = stored.sandbox ?? jobsRoot.appendingPathComponent(name, isDirectory: true)
        let deadline = Date().addingTimeInterval(3)
        while !FileManager.default.fileExists(atPath: sandbox.path), Date() < deadline, isRunnerAlive(stored) {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let recorder = JobEventRecorder(workspace: workspace, target: target, topLevel: nil, streamedJob: nil, onLog: nil)
        let canceled = JobResult(name: name, status: .canceled, error: JobErrorInfo(code: "UserError", message: "The job was canceled."), endedAt: try workspace.clock.now())
        guard FileManager.default.fileExists(atPath: sandbox.path) else {
            recorder.record(.finished(canceled))
            return
        }
        if try JobEngine.requestCancel(jobName: name, jobsRoot: jobsRoot) {
            recorder.record(.finished(canceled))
            return
        }
        guard wait else { return }
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let status = (try? records.find(name))?.entity["status"]?.stringValue.flatMap(JobStatus.init(rawValue:)), status.isTerminal { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    private func isRunnerAlive(_ stored: JobRecords.Stored) -> Bool {
        guard let body = JSONValue.parse(stored.record.body), let pid = body["internal"]?["runner_pid"]?.intValue.flatMap({ Int32(exactly: $0) }) else { return false }
        return pid == ChildProcess.currentPid || ChildProcess.isAlive(pid)
    }

    /// The submit-time fields of the job JSON, and the lineage facts (inputs, environment, code hash).
    private func describe(_ prepared: PreparedJob, baseDirectory: URL, pathGuard: PathGuard) throws -> ([String: JSONValue], JSONValue) {
        let metadata = prepared.spec.metadata
        let info = prepared.recordInfo
        let fields = JobRecordFields(workspace: workspace, target: target)
        // Data inputs by label (azureml:name@latest) were resolved at submission, as az does: the job shows and
        // records the version it read.
        var entity: [String: JSONValue] = [
            "inputs": fields.inputs(info.inputs),
            "outputs": fields.outputs(info.outputs, job: prepared.name),
            "tags": .object(metadata.tags.mapValues(JSONValue.string)),
        ]
        if let schema = metadata.schema { entity["$schema"] = .string(schema) }
        if let description = metadata.description { entity["description"] = .string(description) }
        if let command = info.command, prepared.type == "command" { entity["command"] = .string(command) }
        if let environment = fields.environment(info.environment), prepared.type == "command" { entity["environment"] = .string(environment) }
        if case .command(let command) = prepared.spec {
            entity["environment_variables"] = .object(command.environmentVariables.mapValues(JSONValue.string))
            var resources: [String: JSONValue] = ["instance_count": .int(Int64(command.resources.instanceCount)), "shm_size": .string(command.resources.shmSize ?? "2g")]
            if let type = command.resources.instanceType { resources["instance_type"] = .string(type) }
            entity["resources"] = .object(resources)
            if let code = command.code, !code.hasPrefix("azureml:"), let url = try? pathGuard.resolve(code, relativeTo: baseDirectory) {
                let upload = try workspace.blobs.store(url)
                entity["code"] = .string("azureml:\(target.armId)/codes/\(Workspace.stableGuid(upload.digest))/versions/1")
            }
        }
        if case .sweep(let sweep) = prepared.spec {
            entity["objective"] = ["goal": .string(sweep.objective.goal.rawValue), "primary_metric": .string(sweep.objective.primaryMetric)]
            var limits: [String: JSONValue] = ["max_total_trials": .int(Int64(sweep.limits.maxTotalTrials)),
                                               "max_concurrent_trials": .int(Int64(sweep.limits.maxConcurrentTrials))]
            if let timeout = sweep.limits.timeoutSeconds { limits["timeout"] = .int(Int64(timeout)) }
            if let trialTimeout = sweep.limits.trialTimeoutSeconds { limits["trial_timeout"] = .int(Int64(trialTimeout)) }
            entity["limits"] = .object(limits)
            var trial: [String: JSONValue] = ["command": .string(sweep.trial.command)]
            if let environment = fields.environment(sweep.trial.environment) { trial["environment"] = .string(environment) }
            entity["trial"] = .object(trial)
        }
        if case .pipeline(let pipeline) = prepared.spec {
            // As az shows a pipeline's steps: the component each one runs, at its exact version (anonymous for a
            // file or inline one).
            var steps: [String: JSONValue] = [:]
            for step in pipeline.steps {
                let component: String
                switch step.component {
                case .registered(let reference): component = fields.exactComponent(reference)
                case .file(let path): component = "azureml:azureml_anonymous:\(Workspace.stableGuid("\(prepared.name)/\(step.name)/\(path)"))"
                case .inline: component = "azureml:azureml_anonymous:\(Workspace.stableGuid("\(prepared.name)/\(step.name)"))"
                }
                steps[step.name] = ["type": "command", "component": .string(component)]
            }
            entity["jobs"] = .object(steps)
        }
        let lineage = fields.lineage(inputs: info.inputs, environment: prepared.type == "pipeline" ? nil : info.environment,
                                     codeHash: prepared.codeHash, compute: metadata.compute)
        return (entity, lineage)
    }
}

extension JSONValue {
    /// The value as a YAML node (for job YAML patched with `--set`).
    func yamlNode() -> Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .int(let i): return Node(String(i), Tag(.int))
        case .double(let d): return Node(JSONValue.formatDouble(d), Tag(.float))
        case .string(let s): return Node(s, Tag(.str), .doubleQuoted)
        case .array(let items): return Node(items.map { $0.yamlNode() })
        case .object(let fields): return Node(fields.keys.sorted().map { (Node($0), fields[$0]?.yamlNode() ?? Node("null", Tag(.null))) })
        }
    }
}
