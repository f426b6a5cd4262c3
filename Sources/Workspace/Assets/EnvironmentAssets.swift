import Foundation

/// An environment to register: an image, an image plus a conda file, or a Docker build context.
public struct EnvironmentRequest: Sendable {
    public var name: String
    public var version: String?
    public var image: String?
    /// A conda file path (relative to `folder`) or an inline conda specification.
    public var condaFile: JSONValue?
    public var buildContext: String?
    public var dockerfilePath: String?
    public var osType: String
    public var description: String?
    public var tags: JSONValue
    public var inferenceConfig: JSONValue?
    public var folder: URL

    public init(name: String, version: String?, image: String?, condaFile: JSONValue?, buildContext: String?, dockerfilePath: String?,
                osType: String?, description: String?, tags: JSONValue = [:], inferenceConfig: JSONValue? = nil, folder: URL) {
        self.name = name
        self.version = version
        self.image = image
        self.condaFile = condaFile
        self.buildContext = buildContext
        self.dockerfilePath = dockerfilePath
        self.osType = osType ?? "linux"
        self.description = description
        self.tags = tags
        self.inferenceConfig = inferenceConfig
        self.folder = folder
    }

    /// Builds a request from a validated environment YAML document.
    public init(document: YAMLDocument) throws {
        let root = document.root
        guard let name = root["name"]?.scalarText else { throw WorkspaceError.invalidArgument("an environment needs `name`") }
        self.init(name: name, version: root["version"]?.scalarText, image: root["image"]?.stringValue, condaFile: root["conda_file"],
                  buildContext: root["build"]?["path"]?.stringValue, dockerfilePath: root["build"]?["dockerfile_path"]?.stringValue,
                  osType: root["os_type"]?.stringValue, description: root["description"]?.scalarText, tags: root["tags"] ?? [:],
                  inferenceConfig: root["inference_config"], folder: document.folder)
    }
}

extension AssetStore {
    /// Registers an environment version. Exactly one of `image` and a build context; a conda file
    /// needs an image and is read and inlined (as az does). The image is not built here: builds
    /// happen when a job first uses the environment.
    public func createEnvironment(_ request: EnvironmentRequest, pathGuard: PathGuard, in target: WorkspaceTarget) throws -> JSONValue {
        if request.image != nil, request.buildContext != nil {
            throw WorkspaceError.invalidArgument("Docker image or Dockerfile should be provided not both: use either --image (with an optional --conda-file) or --build-context")
        }
        if request.image == nil, request.buildContext == nil {
            throw WorkspaceError.invalidArgument("Docker image or Dockerfile is required for environments: give --image (e.g. mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04) or --build-context")
        }
        if request.condaFile != nil, request.image == nil {
            throw WorkspaceError.invalidArgument("--conda-file needs --image: the conda environment is installed on top of a base image")
        }
        var fields: [String: JSONValue] = ["os_type": .string(request.osType), "tags": request.tags]
        if let description = request.description { fields["description"] = .string(description) }
        if let inference = request.inferenceConfig { fields["inference_config"] = inference }
        if let image = request.image { fields["image"] = .string(image) }
        var payload: Payload?
        switch request.condaFile {
        case .string(let path):
            let url = try pathGuard.resolve(path, relativeTo: request.folder)
            fields["conda_file"] = try YAMLDocument.load(url, entity: "Conda file").root
        case .some(let inline) where inline.objectValue != nil:
            fields["conda_file"] = inline
        case .some(let other) where other != .null:
            throw WorkspaceError.invalidArgument("conda_file must be a path to a conda YAML file or an inline mapping")
        default: break
        }
        if let context = request.buildContext {
            let upload = try LocalUpload(workspace: workspace, pathGuard: pathGuard).upload(context, relativeTo: request.folder, in: target)
            guard upload.payload.isFolder else { throw WorkspaceError.invalidArgument("the build context \(context) must be a folder containing a Dockerfile") }
            let dockerfile = request.dockerfilePath ?? "Dockerfile"
            guard FileManager.default.fileExists(atPath: upload.url.appendingPathComponent(dockerfile).path) else {
                throw WorkspaceError.failed("(UserError) The build context \(context) has no \(dockerfile). Put a Dockerfile in the folder or pass --dockerfile-path.")
            }
            fields["build"] = ["path": .string(upload.uri), "dockerfile_path": .string(dockerfile)]
            payload = upload.payload
        }
        return try register(.environment, name: request.name, version: request.version, fields: fields, payload: payload, in: target)
    }
}
