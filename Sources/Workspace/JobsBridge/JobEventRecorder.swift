import Foundation
import Jobs

/// Persists the engine's events as job records, and forwards the log of the streamed job.
public final class JobEventRecorder: JobEventSink, @unchecked Sendable {
    let records: JobRecords
    let workspace: Workspace
    let target: WorkspaceTarget
    /// Called with log text of the top-level job when streaming (`--stream`).
    let onLog: (@Sendable (String) -> Void)?
    let streamedJob: String?
    /// The top-level job's submit-time details, merged into its record when it is created.
    let topLevel: (name: String, entity: [String: JSONValue], lineage: JSONValue)?
    private let lock = NSLock()
    private var problems: [String] = []

    init(workspace: Workspace, target: WorkspaceTarget, topLevel: (name: String, entity: [String: JSONValue], lineage: JSONValue)?,
         streamedJob: String?, onLog: (@Sendable (String) -> Void)?) {
        self.workspace = workspace
        self.target = target
        self.records = JobRecords(workspace: workspace, target: target)
        self.topLevel = topLevel
        self.streamedJob = streamedJob
        self.onLog = onLog
    }

    /// Storage failures seen while recording (reported after the run).
    public var recordingProblems: [String] {
        lock.lock()
        defer { lock.unlock() }
        return problems
    }

    public func record(_ event: JobEvent) {
        do {
            switch event {
            case .created(let info): try created(info)
            case .status(let job, let status, let at): try changed(job, status: status, at: at)
            case .processStarted: break
            case .log(let job, let text):
                if job == streamedJob { onLog?(text) }
            case .finished(let result): try finished(result)
            }
        } catch {
            lock.lock()
            problems.append(String(describing: error))
            lock.unlock()
        }
    }

    /// Records the top-level job before it runs (`az ml job create` handing it to a runner process);
    /// the runner's own `.created` for it then leaves this record as it is.
    func createTopLevel(_ info: JobRecordInfo, status: JobStatus, internal extra: [String: JSONValue]) throws {
        try created(info, status: status, extraInternal: extra)
    }

    private func created(_ info: JobRecordInfo, status: JobStatus = .notStarted, extraInternal: [String: JSONValue] = [:]) throws {
        if info.parentName == nil, extraInternal.isEmpty,
           try workspace.database.resource(kind: JobRecords.kind, scope: target.scopeKey, name: info.name) != nil {
            return
        }
        let now = try workspace.clock.now()
        var entity: [String: JSONValue] = [
            "name": .string(info.name), "display_name": .string(info.displayName), "experiment_name": .string(info.experimentName),
            "type": .string(info.type), "status": .string(status.rawValue), "creation_context": workspace.creationContext(at: now),
            "id": .string("azureml:\(target.armId)/jobs/\(info.name)"),
            "compute": info.compute.map { .string($0.hasPrefix("azureml:") || $0 == "local" ? $0 : "azureml:\($0)") } ?? "azureml:serverless",
            "properties": [:], "tags": [:], "inputs": [:], "outputs": [:],
            "services": [
                "Studio": ["endpoint": .string("https://ml.azure.com/runs/\(info.name)?wsid=\(target.armId)"), "type": "Studio"],
                "Tracking": ["endpoint": .string("azureml://\(target.location).api.azureml.ms/mlflow/v1.0\(target.armId)?"), "type": "Tracking"],
            ],
        ]
        if let parent = info.parentName { entity["parent_job_name"] = .string(parent) }
        if !info.parameters.isEmpty { entity["parameters"] = .object(info.parameters.mapValues(JSONValue.string)) }
        // What the engine resolved for this job (pipeline steps and sweep trials included): inputs at their
        // versions, declared outputs, command, environment version, code; and the lineage facts.
        let fields = JobRecordFields(workspace: workspace, target: target)
        entity["inputs"] = fields.inputs(info.inputs)
        entity["outputs"] = fields.outputs(info.outputs, job: info.name)
        if info.type == "command" {
            if let command = info.command { entity["command"] = .string(command) }
            if let environment = fields.environment(info.environment) { entity["environment"] = .string(environment) }
            if let hash = info.codeHash { entity["code"] = .string(fields.code(hash: hash)) }
            var resources: [String: JSONValue] = ["instance_count": .int(Int64(info.instanceCount)), "shm_size": "2g"]
            if let type = info.instanceType { resources["instance_type"] = .string(type) }
            entity["resources"] = .object(resources)
        }
        if let component = info.component { entity["component"] = .string(fields.exactComponent(component)) }
        var lineage = fields.lineage(inputs: info.inputs, environment: info.type == "pipeline" ? nil : info.environment,
                                     codeHash: info.codeHash, compute: info.compute)
        if let topLevel, topLevel.name == info.name {
            for (key, value) in topLevel.entity { entity[key] = value }
            lineage = topLevel.lineage
        }
        var hidden: [String: JSONValue] = ["sandbox": .string(info.sandbox.path), "lineage": lineage, "runner_pid": .int(Int64(ChildProcess.currentPid))]
        for (key, value) in extraInternal { hidden[key] = value }
        try records.create(entity: .object(entity), internal: .object(hidden), parent: info.parentName, at: now)
    }

    private func changed(_ job: String, status: JobStatus, at date: Date) throws {
        // The terminal status is written with the result (`.finished`), after outputs are recorded and named
        // outputs registered, so whoever sees Completed can use them.
        guard !status.isTerminal else { return }
        try records.modify(job) { entity, hidden in
            entity = entity.setting("status", .string(status.rawValue))
            if status == .running, hidden["started_at"] == nil { hidden = hidden.setting("started_at", .string(SimulatedClock.isoString(date))) }
        }
    }

    private func finished(_ result: JobResult) throws {
        if let stored = try? records.find(result.name), stored.entity["type"]?.stringValue == "command" { try recordUsage(result, stored: stored) }
        let fields = JobRecordFields(workspace: workspace, target: target)
        try records.modify(result.name) { entity, hidden in
            entity = entity.setting("status", .string(result.status.rawValue))
            if let error = result.error {
                entity = entity.setting("error", ["code": .string(error.code), "message": .string(error.message)])
            }
            var properties = entity["properties"]?.objectValue ?? [:]
            if let start = result.startedAt { properties["StartTimeUtc"] = .string(SimulatedClock.isoString(start)) }
            properties["EndTimeUtc"] = .string(SimulatedClock.isoString(result.endedAt))
            if let reused = result.reusedFrom { properties["azureml.isreused"] = "true"; properties["azureml.reusedrunid"] = .string(reused) }
            if let best = result.bestTrial { properties["best_child_run_id"] = .string(best) }
            if let value = result.bestMetricValue { properties["score"] = .string(JSONValue.formatDouble(value)) }
            entity = entity.setting("properties", .object(properties))
            // Outputs keep their declared type and mode; `default` is the artifact store (./outputs, ./logs, user_logs).
            var outputs = entity["outputs"]?.objectValue ?? [:]
            outputs["default"] = fields.defaultOutput(job: result.name)
            for name in result.outputs.keys where name != "artifacts" && name != "default" && outputs[name] == nil {
                outputs[name] = fields.namedOutput(JobOutput(name: name, position: SourcePosition(file: "", line: 0, column: 0)), job: result.name)
            }
            entity = entity.setting("outputs", .object(outputs))
            var metrics: [String: JSONValue] = [:]
            for (name, points) in result.run.metrics {
                metrics[name] = .array(points.map { ["step": .int($0.step), "value": .double($0.value), "timestamp": .int($0.timestampMilliseconds)] })
            }
            hidden = hidden.setting("outputs", .object(result.outputs.mapValues { .string($0.path) }))
                .setting("metrics", .object(metrics))
                .setting("params", .object(result.run.params.mapValues(JSONValue.string)))
                .setting("run_tags", .object(result.run.tags.mapValues(JSONValue.string)))
                .setting("artifacts", .array(result.run.artifacts.map(JSONValue.string)))
        }
    }

    /// Bills a command job's nodes: on a cluster, nodes above min_instances until idle scale-down; on serverless
    /// compute, its instance_count nodes of its instance_type for the time it ran (a job that never ran costs nothing).
    private func recordUsage(_ result: JobResult, stored: JobRecords.Stored) throws {
        guard let compute = stored.entity["compute"]?.stringValue, compute.hasPrefix("azureml:") else { return }
        let clock = try workspace.clock.offset()
        let nodes = Int(stored.entity["resources"]?["instance_count"]?.intValue ?? 1)
        let end = result.endedAt.addingTimeInterval(clock)
        if compute == "azureml:serverless" {
            guard let started = result.startedAt else { return }
            try ServerlessUsage(workspace: workspace).record(job: result.name, instanceType: stored.entity["resources"]?["instance_type"]?.stringValue,
                                                             nodes: nodes, start: started.addingTimeInterval(clock), end: end, in: target)
            return
        }
        let start = (result.startedAt ?? result.endedAt).addingTimeInterval(clock)
        try ComputeStore(workspace: workspace).recordJobUsage(compute: String(compute.dropFirst("azureml:".count)), start: start,
                                                             end: end, nodes: nodes, in: target)
    }
}
