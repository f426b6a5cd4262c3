import Foundation

/// A model to register, from flags or a YAML file.
public struct ModelRequest: Sendable {
    public var name: String
    public var version: String?
    public var type: String
    public var path: String
    public var description: String?
    public var tags: JSONValue
    public var properties: JSONValue
    public var stage: String?
    public var folder: URL

    public init(name: String, version: String?, type: String?, path: String, description: String? = nil, tags: JSONValue = [:],
                properties: JSONValue = [:], stage: String? = nil, folder: URL) {
        self.name = name
        self.version = version
        self.type = type ?? "custom_model"
        self.path = path
        self.description = description
        self.tags = tags
        self.properties = properties
        self.stage = stage
        self.folder = folder
    }

    /// Builds a request from a validated model YAML document.
    public init(document: YAMLDocument) throws {
        let root = document.root
        guard let name = root["name"]?.scalarText else { throw WorkspaceError.invalidArgument("a model needs `name`") }
        guard let path = root["path"]?.scalarText else {
            throw WorkspaceError.invalidArgument("a model needs `path` (a local file or folder, or azureml://jobs/<job>/outputs/<output>)")
        }
        self.init(name: name, version: root["version"]?.scalarText, type: root["type"]?.stringValue, path: path,
                  description: root["description"]?.scalarText, tags: root["tags"] ?? [:], properties: root["properties"] ?? [:],
                  stage: root["stage"]?.scalarText, folder: document.folder)
    }
}

extension AssetStore {
    /// Registers a model version from a local path, a job output (`azureml://jobs/<job>/outputs/<name>`)
    /// or a remote URI. An `mlflow_model` folder must contain an `MLmodel` file; its flavors are copied.
    public func createModel(_ request: ModelRequest, pathGuard: PathGuard, in target: WorkspaceTarget) throws -> JSONValue {
        guard ["custom_model", "mlflow_model", "triton_model"].contains(request.type) else {
            throw WorkspaceError.invalidArgument("invalid model type '\(request.type)': use custom_model, mlflow_model or triton_model")
        }
        var fields: [String: JSONValue] = ["type": .string(request.type), "tags": request.tags, "properties": request.properties,
                                           "stage": .string(request.stage ?? "Development")]
        if let description = request.description { fields["description"] = .string(description) }
        var payload: Payload?
        if let jobOutput = JobOutputURI.parse(request.path) {
            guard try workspace.database.resource(kind: "job", scope: target.scopeKey, name: jobOutput.job) != nil else {
                throw WorkspaceError.failed("(UserError) Job '\(jobOutput.job)' was not found in \(target.displayName), so its output '\(jobOutput.output)' cannot be registered as a model. Check the name with `az ml job list`.")
            }
            fields["path"] = .string(request.path)
            fields["job_name"] = .string(jobOutput.job)
            let records = JobRecords(workspace: workspace, target: target)
            let status = try records.find(jobOutput.job).entity["status"]?.stringValue ?? ""
            guard status == "Completed" else {
                throw WorkspaceError.failed("(UserError) Job \(jobOutput.job) is \(status), not Completed: only a completed job's outputs can be registered as a model.")
            }
            var source = try records.outputURL(job: jobOutput.job, output: jobOutput.output)
            if let subpath = jobOutput.subpath { source = source.appendingPathComponent(subpath) }
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw WorkspaceError.failed("(UserError) Job \(jobOutput.job) wrote nothing at \(request.path); check the output name and path with `az ml job download -n \(jobOutput.job) --all`.")
            }
            return try registerJobModel(files: source, name: request.name, version: request.version, fields: fields, in: target)
        } else if LocalUpload.isRemote(request.path) {
            fields["path"] = .string(request.path)
        } else {
            let upload = try LocalUpload(workspace: workspace, pathGuard: pathGuard).upload(request.path, relativeTo: request.folder, in: target)
            if request.type == "mlflow_model" {
                guard upload.payload.isFolder else {
                    throw WorkspaceError.invalidArgument("an mlflow_model path must be a folder containing an MLmodel file; \(request.path) is a file")
                }
                fields["flavors"] = try AssetStore.mlflowFlavors(in: upload.url)
            }
            fields["path"] = .string(upload.uri)
            payload = upload.payload
        }
        return try register(.model, name: request.name, version: request.version, fields: fields, payload: payload, in: target)
    }

    /// Registers files a job wrote as a model version. `fields` holds `type`, `path` (the job output URI) and
    /// `job_name`; an `mlflow_model` must be a folder with an `MLmodel` file, whose flavors are copied.
    func registerJobModel(files source: URL, name: String, version: String?, fields: [String: JSONValue], in target: WorkspaceTarget) throws -> JSONValue {
        var fields = fields
        let stored = try workspace.blobs.store(source)
        if fields["type"]?.stringValue == "mlflow_model" {
            guard stored.isFolder else { throw WorkspaceError.invalidArgument("an mlflow_model path must be a folder containing an MLmodel file") }
            fields["flavors"] = try AssetStore.mlflowFlavors(in: source)
        }
        let payload = Payload(digest: stored.digest, isFolder: stored.isFolder, fileName: source.lastPathComponent)
        return try register(.model, name: name, version: version, fields: fields, payload: payload, in: target)
    }

    /// Writes a model version's files under `destination/<name>/` (what `az ml model download` does).
    public func downloadModel(name: String, version: String?, label: String?, to destination: URL, in target: WorkspaceTarget) throws -> URL {
        let stored = try find(.model, name: name, version: version, label: label, in: target)
        guard let payload = stored.payload else {
            throw WorkspaceError.notSimulated("downloading a model whose files are not local (\(stored.entity["path"]?.stringValue ?? "remote path"))")
        }
        let folder = destination.appendingPathComponent(name)
        let target = payload.isFolder ? folder.appendingPathComponent(payload.fileName) : folder.appendingPathComponent(payload.fileName)
        try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: target)
        return folder
    }

    static func mlflowFlavors(in folder: URL) throws -> JSONValue {
        let file = folder.appendingPathComponent("MLmodel")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw WorkspaceError.failed("(UserError) No MLmodel file found in \(folder.path). An mlflow_model folder must contain the MLmodel file MLflow writes (flavors, signature); register it as --type custom_model otherwise.")
        }
        let document = try YAMLDocument.load(file, entity: "MLmodel")
        guard let flavors = document.root["flavors"], flavors.objectValue != nil else {
            throw WorkspaceError.failed("(UserError) Invalid MLmodel file \(file.path): it has no `flavors` mapping.")
        }
        return flavors
    }
}

/// `azureml://jobs/<job>/outputs/<output>[/paths/<path>]`.
public struct JobOutputURI: Sendable, Equatable {
    public var job: String
    public var output: String
    public var subpath: String?

    public static func parse(_ text: String) -> JobOutputURI? {
        guard text.hasPrefix("azureml://jobs/") else { return nil }
        let parts = text.dropFirst("azureml://jobs/".count).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[1] == "outputs" else { return nil }
        var subpath: String?
        if parts.count > 4, parts[3] == "paths" { subpath = parts[4...].joined(separator: "/") }
        return JobOutputURI(job: parts[0], output: parts[2], subpath: subpath)
    }
}
