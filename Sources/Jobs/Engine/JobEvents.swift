import Foundation

/// Everything the engine reports while a job runs. The Workspace persists these.
public enum JobEvent: Sendable, Equatable {
    /// A job record exists (also sent for each pipeline step and sweep trial, with its parent's name).
    case created(JobRecordInfo)
    /// The status changed at `at`.
    case status(job: String, status: JobStatus, at: Date)
    /// The child process started: its process group id and the pid of the process running the engine.
    case processStarted(job: String, pid: Int32, runnerPid: Int32)
    /// Text appended to `user_logs/std_log.txt` (streamed as it grows).
    case log(job: String, text: String)
    /// The job ended (the last event for a job).
    case finished(JobResult)
}

/// What a job record starts with.
public struct JobRecordInfo: Sendable, Equatable {
    /// The job name (unique in the workspace; `<pipeline>_<step>` and `<sweep>_<n>` for children).
    public var name: String
    /// `display_name`, or the name when none is given.
    public var displayName: String
    /// `experiment_name`, or the submission's default (az uses the current folder's name).
    public var experimentName: String
    /// `command`, `pipeline` or `sweep`.
    public var type: String
    /// The pipeline or sweep this job belongs to.
    public var parentName: String?
    /// The compute target as written (`azureml:cpu-cluster`), nil for the default.
    public var compute: String?
    /// The job's sandbox folder (logs, outputs, run folder).
    public var sandbox: URL
    /// For sweep trials: the sampled hyperparameters (`search_space` name → value).
    public var parameters: [String: String]
    /// The inputs as resolved at submit time (asset versions, earlier steps' outputs, literals).
    public var inputs: [String: RecordedInput]
    /// The declared outputs (type, mode, and the asset `name`/`version` to register on completion).
    public var outputs: [JobOutput]
    /// The command with its `${{...}}` bindings (command jobs, pipeline steps, sweep trials).
    public var command: String?
    /// The environment as written (registered reference or inline image/conda file).
    public var environment: EnvironmentReference?
    /// SHA-256 of the `code:` folder's content, when the job has one.
    public var codeHash: String?
    /// The component a pipeline step runs (`azureml:train:1`), when it is registered.
    public var component: String?
    /// `resources.instance_type` when given (serverless jobs are billed for it).
    public var instanceType: String?
    /// `resources.instance_count` (1 unless given).
    public var instanceCount: Int

    public init(name: String, displayName: String, experimentName: String, type: String, parentName: String?, compute: String?, sandbox: URL,
                parameters: [String: String] = [:], inputs: [String: RecordedInput] = [:], outputs: [JobOutput] = [],
                command: String? = nil, environment: EnvironmentReference? = nil, codeHash: String? = nil, component: String? = nil,
                instanceType: String? = nil, instanceCount: Int = 1) {
        self.name = name
        self.displayName = displayName
        self.experimentName = experimentName
        self.type = type
        self.parentName = parentName
        self.compute = compute
        self.sandbox = sandbox
        self.parameters = parameters
        self.inputs = inputs
        self.outputs = outputs
        self.command = command
        self.environment = environment
        self.codeHash = codeHash
        self.component = component
        self.instanceType = instanceType
        self.instanceCount = instanceCount
    }
}

/// The end of a job.
public struct JobResult: Sendable, Equatable {
    /// The job the result is for.
    public var name: String
    /// Completed, Failed or Canceled.
    public var status: JobStatus
    /// Why it failed or was canceled.
    public var error: JobErrorInfo?
    /// When it started Running (nil when it never ran).
    public var startedAt: Date?
    /// When it reached its terminal status.
    public var endedAt: Date
    /// Output name → folder or file on disk.
    public var outputs: [String: URL]
    /// What the job logged in its run folder (params, metrics, tags, artifacts).
    public var run: RunRecord
    /// Set when a pipeline step was reused instead of run: the job whose results were taken.
    public var reusedFrom: String?
    /// For sweeps: the best trial's name and its primary metric value.
    public var bestTrial: String?
    /// The best trial's last value of the primary metric.
    public var bestMetricValue: Double?

    public init(name: String, status: JobStatus, error: JobErrorInfo? = nil, startedAt: Date? = nil, endedAt: Date,
                outputs: [String: URL] = [:], run: RunRecord = RunRecord(), reusedFrom: String? = nil,
                bestTrial: String? = nil, bestMetricValue: Double? = nil) {
        self.name = name
        self.status = status
        self.error = error
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outputs = outputs
        self.run = run
        self.reusedFrom = reusedFrom
        self.bestTrial = bestTrial
        self.bestMetricValue = bestMetricValue
    }
}

/// Receives job events. Called from the thread running the job (several threads for concurrent trials).
public protocol JobEventSink: AnyObject, Sendable {
    func record(_ event: JobEvent)
}

/// A sink that keeps every event in memory (tests, and callers that persist at the end).
public final class CollectingJobEventSink: JobEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [JobEvent] = []

    public init() {}

    public func record(_ event: JobEvent) {
        lock.lock()
        stored.append(event)
        lock.unlock()
    }

    /// Events so far, in order.
    public var events: [JobEvent] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// The statuses `job` went through.
    public func statuses(of job: String) -> [JobStatus] {
        events.compactMap { event in
            if case .status(let name, let status, _) = event, name == job { return status }
            return nil
        }
    }

    /// The result of `job` when it has finished.
    public func result(of job: String) -> JobResult? {
        for event in events.reversed() {
            if case .finished(let result) = event, result.name == job { return result }
        }
        return nil
    }
}
