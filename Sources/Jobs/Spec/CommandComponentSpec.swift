import Foundation

/// A `type: command` component: a reusable command with declared inputs and outputs.
/// Inline pipeline steps are represented as anonymous components too.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct CommandComponentSpec: Sendable, Equatable {
    public var name: String?
    public var version: String?
    public var displayName: String?
    public var description: String?
    public var tags: [String: String]
    public var command: String
    public var commandPosition: SourcePosition
    public var code: String?
    public var environment: EnvironmentReference?
    public var inputs: [ComponentInputDeclaration]
    public var outputs: [ComponentOutputDeclaration]
    /// `is_deterministic` (default true): a deterministic step with unchanged inputs is reused.
    public var isDeterministic: Bool
    public var additionalIncludes: [String]
    public var environmentVariables: [String: String]
    public var resources: JobResources
    public var distributionType: String?
    /// Folder the component's relative paths (`code`, `additional_includes`) resolve against.
    public var baseDirectory: URL?

    public init(name: String? = nil, version: String? = nil, displayName: String? = nil, description: String? = nil,
                tags: [String: String] = [:], command: String, commandPosition: SourcePosition, code: String? = nil,
                environment: EnvironmentReference? = nil, inputs: [ComponentInputDeclaration] = [],
                outputs: [ComponentOutputDeclaration] = [], isDeterministic: Bool = true, additionalIncludes: [String] = [],
                environmentVariables: [String: String] = [:], resources: JobResources = JobResources(),
                distributionType: String? = nil, baseDirectory: URL? = nil) {
        self.name = name
        self.version = version
        self.displayName = displayName
        self.description = description
        self.tags = tags
        self.command = command
        self.commandPosition = commandPosition
        self.code = code
        self.environment = environment
        self.inputs = inputs
        self.outputs = outputs
        self.isDeterministic = isDeterministic
        self.additionalIncludes = additionalIncludes
        self.environmentVariables = environmentVariables
        self.resources = resources
        self.distributionType = distributionType
        self.baseDirectory = baseDirectory
    }

    /// The declared input named `name`.
    public func input(named name: String) -> ComponentInputDeclaration? { inputs.first { $0.name == name } }
    /// The declared output named `name`.
    public func output(named name: String) -> ComponentOutputDeclaration? { outputs.first { $0.name == name } }
}
