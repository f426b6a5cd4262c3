import Foundation

/// A `type: command` job.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct CommandJobSpec: Sendable, Equatable {
    public var metadata: JobMetadata
    /// The shell command, with `${{...}}` bindings still in it.
    public var command: String
    public var commandPosition: SourcePosition
    /// `code:` folder (relative to the YAML file) or an `azureml:` code reference.
    public var code: String?
    public var environment: EnvironmentReference?
    public var environmentVariables: [String: String]
    public var inputs: [JobInput]
    public var outputs: [JobOutput]
    /// `limits.timeout` in seconds.
    public var timeoutSeconds: Int?
    public var resources: JobResources
    /// `distribution.type` when given (runs as one process here).
    public var distributionType: String?
    /// Names of `services:` entries (not started here).
    public var services: [String]

    public init(metadata: JobMetadata, command: String, commandPosition: SourcePosition, code: String? = nil,
                environment: EnvironmentReference? = nil, environmentVariables: [String: String] = [:],
                inputs: [JobInput] = [], outputs: [JobOutput] = [], timeoutSeconds: Int? = nil,
                resources: JobResources = JobResources(), distributionType: String? = nil, services: [String] = []) {
        self.metadata = metadata
        self.command = command
        self.commandPosition = commandPosition
        self.code = code
        self.environment = environment
        self.environmentVariables = environmentVariables
        self.inputs = inputs
        self.outputs = outputs
        self.timeoutSeconds = timeoutSeconds
        self.resources = resources
        self.distributionType = distributionType
        self.services = services
    }
}
