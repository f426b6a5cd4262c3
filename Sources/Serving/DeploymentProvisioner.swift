import Foundation
import Jobs
import Workspace

/// Provisions an online deployment the way the service does, for real on this machine: builds its
/// environment against the package catalogue, fetches the model into the deployment folder
/// (`storage-initializer` log), then starts it (`inference-server` log: the model is loaded, or the
/// scoring script's `init()` runs). The outcome is stored as the deployment's `provisioning_state`.
public struct DeploymentProvisioner {
    let workspace: Workspace
    let target: WorkspaceTarget
    let pathGuard: PathGuard

    public init(workspace: Workspace, target: WorkspaceTarget, pathGuard: PathGuard) {
        self.workspace = workspace
        self.target = target
        self.pathGuard = pathGuard
    }

    /// Runs the provisioning steps for a stored deployment and records `Succeeded` or `Failed`.
    @discardableResult
    public func provision(endpoint: String, deployment: String, specFolder: URL) throws -> JSONValue {
        let store = OnlineDeploymentStore(workspace: workspace)
        let entity = try store.show(deployment, endpoint: endpoint, in: target)
        let folder = ServingAddress.deploymentFolder(home: workspace.home, scope: target.scopeKey, endpoint: endpoint, deployment: deployment)
        let log = DeploymentLog(deploymentFolder: folder)
        try log.reset("storage-initializer")
        try log.reset("inference-server")
        let pid = Int32.random(in: 2000...60000)
        let now = try workspace.clock.now()
        func line(_ logger: String, _ text: String, level: Character = "I") -> String { DeploymentLog.line(now, level: level, pid: pid, logger: logger, text) }

        // 1. Environment image.
        var buildLines: [String] = []
        do {
            let resolver = WorkspaceJobResolver(workspace: workspace, target: target, pathGuard: pathGuard)
            if let reference = try environmentReference(entity["environment"]) {
                try resolver.prepareEnvironment(reference, baseDirectory: specFolder) { buildLines.append($0) }
            } else if entity["code_configuration"] != nil {
                throw WorkspaceError.failed("(BadArgument) environment is required for a deployment with code_configuration (only MLflow models deploy without one).")
            }
        } catch {
            log.append("storage-initializer", buildLines)
            let message = (error as? WorkspaceError)?.message ?? "\(error)"
            return try store.setState(deployment, endpoint: endpoint, state: "Failed",
                                      error: "(ImageBuildFailure) The image build for deployment \(deployment) failed: \(message)", in: target)
        }

        // 2. Model (and code) download.
        let modelFolder = folder.appendingPathComponent("model", isDirectory: true)
        var modelName = "model", modelVersion = "1", modelType = "custom_model"
        do {
            try? FileManager.default.removeItem(at: modelFolder)
            if let reference = entity["model"]?.stringValue {
                log.append("storage-initializer", [line("storage-initializer", "Downloading model \(reference)")])
                if let parsed = AssetReference.parse(reference) {
                    let stored = try AssetStore(workspace: workspace).resolve(parsed, expecting: .model, in: target)
                    modelName = stored.record.name
                    modelVersion = stored.record.version
                    modelType = stored.entity["type"]?.stringValue ?? "custom_model"
                    guard let payload = stored.payload else {
                        throw WorkspaceError.failed("model \(modelName):\(modelVersion) has no files in this workspace (remote path \(stored.entity["path"]?.stringValue ?? "?")).")
                    }
                    let destination = payload.isFolder ? modelFolder.appendingPathComponent(payload.fileName) : modelFolder.appendingPathComponent(payload.fileName)
                    try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: destination)
                } else {
                    let source = try pathGuard.resolve(reference, relativeTo: specFolder)
                    try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
                    try FileManager.default.copyItem(at: source, to: modelFolder.appendingPathComponent(source.lastPathComponent))
                    modelType = FileManager.default.fileExists(atPath: source.appendingPathComponent("MLmodel").path) ? "mlflow_model" : "custom_model"
                }
                log.append("storage-initializer", [line("storage-initializer", "Model \(modelName):\(modelVersion) downloaded to /var/azureml-app/azureml-models/\(modelName)/\(modelVersion)")])
            } else if entity["code_configuration"] == nil {
                throw WorkspaceError.failed("a deployment needs a model (or code_configuration with a scoring script).")
            }
            if let code = entity["code_configuration"]?["code"]?.stringValue {
                let codeFolder = folder.appendingPathComponent("code", isDirectory: true)
                try? FileManager.default.removeItem(at: codeFolder)
                let source = try pathGuard.resolve(code, relativeTo: specFolder)
                try FileManager.default.copyItem(at: source, to: codeFolder)
                log.append("storage-initializer", [line("storage-initializer", "Code downloaded to /var/azureml-app/\(source.lastPathComponent)")])
            }
        } catch {
            log.append("storage-initializer", [line("storage-initializer", "Failed to download: \((error as? WorkspaceError)?.message ?? "\(error)")", level: "E")])
            return try store.setState(deployment, endpoint: endpoint, state: "Failed",
                                      error: "ResourceNotReady: User container has crashed or terminated: model download failed. Run `az ml online-deployment get-logs -n \(deployment) -e \(endpoint) --container storage-initializer` for the cause.", in: target)
        }

        // 3. Container start: inference server banner, then model load or init().
        let script = entity["code_configuration"]?["scoring_script"]?.stringValue
        log.append("inference-server", InferenceServerBanner.lines(script: script, modelName: modelName, modelVersion: modelVersion,
                                                                   workers: Int(entity["request_settings"]?["max_concurrent_requests_per_instance"]?.intValue ?? 1)))
        do {
            if let script {
                try PythonScoringWorker.checkInit(codeFolder: folder.appendingPathComponent("code"), script: script, modelFolder: modelFolder,
                                                  log: { log.append("inference-server", [line("azmlinfsrv.user_script", $0)]) })
            } else {
                guard modelType == "mlflow_model" || FileManager.default.fileExists(atPath: modelFolder.path) else {
                    throw WorkspaceError.failed("a custom_model needs code_configuration with a scoring script")
                }
                let scorer = try ModelScorer.load(folder: modelFolder)
                log.append("inference-server", [line("azmlinfsrv", "Loaded MLflow model with inputs: \(scorer.inputNames.joined(separator: ", "))")])
            }
        } catch {
            let message = (error as? WorkspaceError)?.message ?? "\(error)"
            log.append("inference-server", [line("azmlinfsrv", "Encountered Exception: Traceback (most recent call last):", level: "E"),
                                            line("azmlinfsrv", message, level: "E"),
                                            line("gunicorn.error", "Worker with pid \(pid) failed to boot; exiting.", level: "E")])
            return try store.setState(deployment, endpoint: endpoint, state: "Failed",
                                      error: "ResourceNotReady: User container has crashed or terminated: Liveness probe failed: HTTP probe failed with statuscode: 502. Run `az ml online-deployment get-logs -n \(deployment) -e \(endpoint)` to see the cause.", in: target)
        }
        try? Data(UUID().uuidString.utf8).write(to: folder.appendingPathComponent(Self.revisionFile))
        log.append("inference-server", [line("azmlinfsrv", "Scoring timeout is set to \(entity["request_settings"]?["request_timeout_ms"]?.intValue ?? 5000)"),
                                        line("azmlinfsrv", "Worker with pid \(pid) ready for serving traffic")])
        return try store.setState(deployment, endpoint: endpoint, state: "Succeeded", error: nil, in: target)
    }

    static let revisionFile = "revision"

    /// The id of the deployment's last successful provisioning ("" before the first): the serving
    /// host rebuilds a deployment's runtime when it changes, as Azure replaces the containers on
    /// every update, even when the YAML is the same and only the code or model files changed.
    public static func revision(of deploymentFolder: URL) -> String {
        (try? String(contentsOf: deploymentFolder.appendingPathComponent(revisionFile), encoding: .utf8)) ?? ""
    }

    private func environmentReference(_ value: JSONValue?) throws -> EnvironmentReference? {
        guard let value, value != .null else { return nil }
        if let text = value.stringValue { return .registered(text) }
        var inline = InlineEnvironment(image: value["image"]?.stringValue)
        if let conda = value["conda_file"] {
            if let path = conda.stringValue { inline.condaFile = .path(path) } else { inline.condaFile = .inline(conda.compact()) }
        }
        inline.buildContext = value["build"]?["path"]?.stringValue
        inline.dockerfilePath = value["build"]?["dockerfile_path"]?.stringValue
        return .inline(inline)
    }
}
