import Foundation
import Jobs
import MLCore

/// `az ml batch-endpoint invoke`: creates the batch scoring job, scores the input files with the
/// deployment's model in mini-batches, writes the `score` output and the job logs, and records
/// the job (shown by `az ml job show|download`, listed by `list-jobs`).
public struct BatchJobRunner: Sendable {
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// What the learner may override on the command line.
    public struct Overrides: Sendable {
        public var deployment: String?
        public var miniBatchSize: Int?
        public var instanceCount: Int?
        public var outputFileName: String?
        public var jobName: String?
        public var experimentName: String?
        public init() {}
    }

    /// Runs a batch scoring job over `input` (a data asset reference, a job output URI or a local
    /// file or folder) and returns the job JSON.
    public func invoke(endpoint endpointName: String, input: String, overrides: Overrides, workingFolder: URL, pathGuard: PathGuard) throws -> JSONValue {
        let store = BatchEndpointStore(workspace: workspace, target: target)
        let endpoint = try store.endpoint(endpointName)
        guard let deploymentName = overrides.deployment ?? endpoint["defaults"]?["deployment_name"]?.stringValue else {
            throw WorkspaceError.failed("(UserError) Batch endpoint \(endpointName) has no default deployment. Pass --deployment-name, or set one with `az ml batch-endpoint update -n \(endpointName) --set defaults.deployment_name=<deployment>`.")
        }
        var deployment = try store.deployment(endpoint: endpointName, name: deploymentName)
        if let size = overrides.miniBatchSize { deployment = deployment.setting("settings", (deployment["settings"] ?? [:]).setting("mini_batch_size", .int(Int64(size)))) }
        if let name = overrides.outputFileName { deployment = deployment.setting("settings", (deployment["settings"] ?? [:]).setting("output_file_name", .string(name))) }
        if let count = overrides.instanceCount { deployment = deployment.setting("resources", ["instance_count": .int(Int64(count))]) }
        let settings = try BatchSettings(deployment: deployment)
        if let code = deployment["code_configuration"], code != .null {
            throw WorkspaceError.notSimulated("batch scoring scripts (code_configuration); deploy an mlflow_model without a script")
        }
        let model = try store.loadModel(deployment["model"]?.stringValue ?? "")
        let resolved = try WorkspaceJobResolver(workspace: workspace, target: target, pathGuard: pathGuard)
            .resolveData(input, type: .uriFolder, baseDirectory: workingFolder)
        let files = try BatchJobRunner.inputFiles(resolved.url)

        let name = overrides.jobName ?? "batchjob-\(UUID().uuidString.lowercased())"
        if try workspace.database.resource(kind: JobRecords.kind, scope: target.scopeKey, name: name) != nil {
            throw WorkspaceError.failed("(UserError) A job with the name \(name) already exists in \(target.displayName); job names are unique.")
        }
        let sandbox = JobService(workspace: workspace, target: target).jobsRoot.appendingPathComponent(name, isDirectory: true)
        let scoreFolder = sandbox.appendingPathComponent("outputs/score", isDirectory: true)
        let logs = sandbox.appendingPathComponent("logs", isDirectory: true)
        try BatchJobRunner.createFolders([scoreFolder, logs])
        let started = try workspace.clock.now()

        let result = BatchScorer(model: model, settings: settings).run(files: files)
        let thresholdCrossed = settings.errorThreshold >= 0 && result.failedFiles > settings.errorThreshold
        let allFailed = !result.miniBatches.isEmpty && result.miniBatches.allSatisfy { !$0.succeeded }
        let failed = thresholdCrossed || allFailed || files.isEmpty
        if settings.outputAction == .appendRow && !failed {
            try BatchJobRunner.write(Data(result.output), to: scoreFolder.appendingPathComponent(settings.outputFileName))
        }
        let ended = started.addingTimeInterval(max(result.seconds, 1))
        let logText = BatchJobLogs(jobName: name, settings: settings, result: result, inputFiles: files.count, failed: failed, thresholdCrossed: thresholdCrossed)
        try BatchJobRunner.write(Data(logText.progressOverview().utf8), to: logs.appendingPathComponent("job_progress_overview.txt"))
        try BatchJobRunner.write(Data(logText.resultText().utf8), to: logs.appendingPathComponent("job_result.txt"))
        try BatchJobRunner.write(Data(logText.errors().utf8), to: logs.appendingPathComponent("job_error.txt"))
        try BatchJobRunner.write(Data(logText.streamLog().utf8), to: sandbox.appendingPathComponent("user_logs/std_log.txt"))

        let compute = deployment["compute"]?.stringValue ?? "azureml:cpu-cluster"
        try? ComputeStore(workspace: workspace).recordJobUsage(compute: String(compute.dropFirst("azureml:".count)), start: started, end: ended,
                                                              nodes: settings.instanceCount, in: target)
        var entity: JSONValue = [
            "$schema": "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
            "compute": .string(compute), "creation_context": workspace.creationContext(at: started),
            "display_name": .string(name), "experiment_name": .string(overrides.experimentName ?? endpointName),
            "id": .string("azureml:\(target.armId)/jobs/\(name)"),
            "inputs": ["input_data": ["mode": "ro_mount", "path": .string(resolved.assetReference ?? input), "type": "uri_folder"]],
            "jobs": [:], "name": .string(name),
            "outputs": ["score": ["mode": "upload", "path": .string("azureml://datastores/workspaceblobstore/paths/azureml/\(name)/score/"), "type": "uri_folder"]],
            "properties": [
                "azureml.batchrun": "true", "azureml.deploymentname": .string(deploymentName), "azureml.endpointname": .string(endpointName),
                "azureml.itemsFailed": .string(String(result.failedFiles)), "azureml.itemsSucceeded": .string(String(result.succeededFiles)),
                "azureml.rowsScored": .string(String(result.rowsScored)),
            ],
            "settings": [:], "status": .string(failed ? "Failed" : "Completed"),
            "tags": ["outputType": .string(settings.outputAction == .appendRow ? "output_data" : "summary")],
            "type": "pipeline",
        ]
        if failed {
            entity = entity.setting("error", ["code": "UserError", "message": .string(logText.failureReason())])
        }
        let hidden: JSONValue = [
            "sandbox": .string(sandbox.path), "outputs": ["score": .string(scoreFolder.path)],
            "lineage": ["inputs": .array([.string(resolved.assetReference ?? input)]), "model": deployment["model"] ?? .null],
        ]
        try JobRecords(workspace: workspace, target: target).create(entity: entity, internal: hidden, parent: nil, at: started)
        return entity
    }

    /// Jobs of an endpoint (and deployment), newest first.
    public func jobs(endpoint: String, deployment: String?) throws -> [JSONValue] {
        _ = try BatchEndpointStore(workspace: workspace, target: target).endpoint(endpoint)
        return try JobRecords(workspace: workspace, target: target).list(parent: nil, filter: .includeArchived, limit: nil).filter { job in
            job["properties"]?["azureml.endpointname"]?.stringValue == endpoint
                && (deployment == nil || job["properties"]?["azureml.deploymentname"]?.stringValue == deployment)
        }
    }

    /// The regular files under `url` (or `url` itself), hidden files skipped.
    static func inputFiles(_ url: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw WorkspaceError.pathMissing(path: url.path) }
        guard isDirectory.boolValue else { return [url] }
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            throw WorkspaceError.failed("cannot list the input folder \(url.path)")
        }
        var files: [URL] = []
        for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(file)
        }
        return files
    }

    static func createFolders(_ urls: [URL]) throws {
        for url in urls {
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw WorkspaceError.failed("cannot create \(url.path): \(error.localizedDescription)")
            }
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw WorkspaceError.failed("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
