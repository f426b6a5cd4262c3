import Foundation

/// The `environment:` of a job, step, trial or component.
public enum EnvironmentReference: Sendable, Equatable {
    /// A registered or curated environment: `azureml:name:version`, `azureml:name@latest`,
    /// `azureml://registries/.../environments/...`.
    case registered(String)
    /// An anonymous environment written inline.
    case inline(InlineEnvironment)
}

/// An environment written inline in a job (`image` + `conda_file`, or `build`).
public struct InlineEnvironment: Sendable, Equatable {
    public var image: String?
    /// `conda_file:` either as a path (relative to the YAML file) or as inline YAML text.
    public var condaFile: CondaFile?
    /// `build.path`: a Docker build context folder.
    public var buildContext: String?
    public var dockerfilePath: String?
    public var description: String?

    public enum CondaFile: Sendable, Equatable {
        case path(String)
        /// The inline mapping serialised back to YAML.
        case inline(String)
    }

    public init(image: String? = nil, condaFile: CondaFile? = nil, buildContext: String? = nil,
                dockerfilePath: String? = nil, description: String? = nil) {
        self.image = image
        self.condaFile = condaFile
        self.buildContext = buildContext
        self.dockerfilePath = dockerfilePath
        self.description = description
    }
}

/// `resources:` of a job (only what changes behaviour here is kept).
public struct JobResources: Sendable, Equatable {
    public var instanceCount: Int
    public var instanceType: String?
    public var shmSize: String?

    public init(instanceCount: Int = 1, instanceType: String? = nil, shmSize: String? = nil) {
        self.instanceCount = instanceCount
        self.instanceType = instanceType
        self.shmSize = shmSize
    }
}
