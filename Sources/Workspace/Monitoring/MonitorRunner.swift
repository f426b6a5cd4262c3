import Foundation
import MLCore

/// Runs a model monitor (a schedule with `create_monitor`) at a point of simulated time: reads the
/// production window from the collected data, computes every signal, records the run, raises
/// alerts (listed by `mlopslab alerts`, appended to `<home>/outbox/alerts.jsonl`) and, when the
/// monitor names `alert_notification.retraining_job`, submits that job.
public struct MonitorRunner: Sendable {
    static let runKind = "monitor-run"
    static let alertKind = "alert"
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// Runs the monitor `name` as of `time`; `folder` resolves relative reference and retraining paths.
    public func run(name: String, spec: MonitorSpec, defaultWindow: TimeInterval, folder: URL, at time: Date) throws -> JSONValue {
        let data = CollectedData(home: workspace.home, workspace: target.workspaceName, endpoint: spec.endpoint)
        let pathGuard = PathGuard(roots: [folder, workspace.home])
        var signals: [JSONValue] = []
        var alerts: [JSONValue] = []
        var tableCache: [String: Table] = [:]
        for signal in spec.signals {
            let size = signal.windowSize ?? defaultWindow
            let end = time.addingTimeInterval(-signal.windowOffset)
            let start = end.addingTimeInterval(-size)
            var reference: Table?
            if let path = signal.referencePath {
                if let cached = tableCache[path] { reference = cached } else {
                    reference = try loadReference(path, folder: folder, pathGuard: pathGuard)
                    tableCache[path] = reference
                }
            }
            let needsOutputs = signal.type == "prediction_drift" || signal.type == "model_performance"
            let production = signal.type == "prediction_drift" ? [] : try data.read(deployment: spec.deployment, collection: signal.productionContext, from: start, to: end)
            let outputs = needsOutputs ? try data.read(deployment: spec.deployment, collection: "model_outputs", from: start, to: end) : []
            var labels: [String: JSONValue] = [:]
            if signal.type == "model_performance" || signal.type == "feature_attribution_drift" {
                for row in try data.read(deployment: nil, collection: "labels", from: start, to: time.addingTimeInterval(1)) { labels[row.correlationId] = row.data["label"] }
            }
            var evaluator = SignalEvaluator(signal: signal, reference: reference, production: production, outputs: outputs, labels: labels)
            if signal.type == "feature_attribution_drift" { evaluator.model = deployedModel(spec) }
            var result = evaluator.evaluate()
            result = result.setting("window", ["start": .string(SimulatedClock.isoString(start)), "end": .string(SimulatedClock.isoString(end))])
            if signal.alertEnabled, result["status"]?.stringValue == "alert" {
                let failing = (result["results"]?.arrayValue ?? []).filter { $0["passed"] == .bool(false) }
                alerts.append([
                    "monitor": .string(name), "signal": .string(signal.name), "signal_type": .string(signal.type),
                    "time": .string(SimulatedClock.isoString(time)), "endpoint": .string(spec.endpoint), "deployment": .string(spec.deployment),
                    "failing": .array(failing), "emails": .array(spec.emails.map(JSONValue.string)),
                ])
            }
            signals.append(result)
        }
        var retrainingJob: JSONValue = .null
        if !alerts.isEmpty, let job = spec.retrainingJob {
            retrainingJob = submitRetraining(job, monitor: name, folder: folder, pathGuard: pathGuard)
        }
        // A trigger in the same minute as a scheduled run (`az ml schedule trigger` right after the clock passed the
        // schedule) gets its own run instead of replacing it.
        var runName = "\(name)-\(ScheduleRunner.stamp(time))"
        var suffix = 2
        while try workspace.database.resource(kind: MonitorRunner.runKind, scope: target.scopeKey, name: runName) != nil {
            runName = "\(name)-\(ScheduleRunner.stamp(time))-\(suffix)"
            suffix += 1
        }
        let run: JSONValue = [
            "name": .string(runName), "monitor": .string(name), "run_time": .string(SimulatedClock.isoString(time)),
            "status": .string(alerts.isEmpty ? "Completed (no alerts)" : "Completed (\(alerts.count) alert(s))"),
            "signals": .array(signals), "alerts": .array(alerts), "retraining_job": retrainingJob,
        ]
        try workspace.database.saveResource(kind: MonitorRunner.runKind, scope: target.scopeKey, name: runName, createdAt: time, body: run.compact(), parent: name)
        for (index, alert) in alerts.enumerated() {
            let stored = alert.setting("retraining_job", retrainingJob)
            try workspace.database.saveResource(kind: MonitorRunner.alertKind, scope: target.scopeKey, name: "\(runName)-\(index)", createdAt: time, body: stored.compact(), parent: name)
            try appendOutbox(stored)
        }
        return run
    }

    /// The model the monitored deployment serves (from its provisioned folder), if it is an mlopslab/MLflow model.
    func deployedModel(_ spec: MonitorSpec) -> TrainedModel? {
        let folder = ServingAddress.deploymentFolder(home: workspace.home, scope: target.scopeKey, endpoint: spec.endpoint, deployment: spec.deployment)
        return TrafficGenerator.servedModel(folder: folder.appendingPathComponent("model"))
    }

    func loadReference(_ path: String, folder: URL, pathGuard: PathGuard) throws -> Table {
        let resolved = try WorkspaceJobResolver(workspace: workspace, target: target, pathGuard: pathGuard).resolveData(path, type: .uriFile, baseDirectory: folder)
        var url = resolved.url
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard let csv = try BatchJobRunner.inputFiles(url).filter({ $0.pathExtension.lowercased() == "csv" }).sorted(by: { $0.path < $1.path }).first else {
                throw WorkspaceError.failed("(UserError) reference data \(path) holds no CSV file")
            }
            url = csv
        }
        do { return try CSVReader.read(path: url.path) } catch {
            throw WorkspaceError.failed("(UserError) reference data \(path) cannot be read: \(BatchScorer.describe(error))")
        }
    }

    func submitRetraining(_ job: String, monitor: String, folder: URL, pathGuard: PathGuard) -> JSONValue {
        do {
            let file = try pathGuard.resolve(job, relativeTo: folder)
            let submitted = try JobService(workspace: workspace, target: target).submit(
                file: file, nameOverride: nil, patches: [JSONPatch(path: ["tags", "azureml.monitor_alert"], value: .string(monitor))],
                workingFolder: folder, pathGuard: pathGuard)
            return ["name": submitted.entity["name"] ?? .null, "status": .string(submitted.status.rawValue)]
        } catch let error as WorkspaceError {
            return ["name": .null, "status": "NotStarted", "error": .string(error.message)]
        } catch {
            return ["name": .null, "status": "NotStarted", "error": .string(String(describing: error))]
        }
    }

    func appendOutbox(_ alert: JSONValue) throws {
        let file = workspace.home.appendingPathComponent("outbox/alerts.jsonl")
        let line = Data((alert.compact() + "\n").utf8)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let handle = try? FileHandle(forWritingTo: file) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: line)
            } else {
                try line.write(to: file)
            }
        } catch {
            throw WorkspaceError.failed("cannot write the alert outbox \(file.path): \(error.localizedDescription)")
        }
    }

    /// Runs of a monitor, newest first.
    public func runs(monitor: String) throws -> [JSONValue] {
        try workspace.database.resources(kind: MonitorRunner.runKind, scope: target.scopeKey, parent: monitor).compactMap { JSONValue.parse($0.body) }
    }

    /// Every alert, newest first.
    public func alerts() throws -> [JSONValue] {
        try workspace.database.resources(kind: MonitorRunner.alertKind, scope: target.scopeKey).compactMap { JSONValue.parse($0.body) }
    }
}
