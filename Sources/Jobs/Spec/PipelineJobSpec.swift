import Foundation

/// A `type: pipeline` job (or the body of a pipeline component).
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct PipelineJobSpec: Sendable, Equatable {
    public var metadata: JobMetadata
    public var inputs: [JobInput]
    public var outputs: [JobOutput]
    public var settings: PipelineSettings
    /// Steps in the order the file lists them.
    public var steps: [PipelineStep]

    public init(metadata: JobMetadata, inputs: [JobInput] = [], outputs: [JobOutput] = [],
                settings: PipelineSettings = PipelineSettings(), steps: [PipelineStep]) {
        self.metadata = metadata
        self.inputs = inputs
        self.outputs = outputs
        self.settings = settings
        self.steps = steps
    }

    public func step(named name: String) -> PipelineStep? { steps.first { $0.name == name } }
}

/// `settings:` of a pipeline job.
public struct PipelineSettings: Sendable, Equatable {
    public var defaultCompute: String?
    public var defaultDatastore: String?
    public var defaultEnvironment: String?
    /// Keep running (and starting) the steps that do not depend on a failed step. True unless the YAML says
    /// `false` (the pipeline YAML reference's default); `false` cancels the running steps when one fails.
    public var continueOnStepFailure: Bool
    /// Run every step even when an identical earlier run could be reused.
    public var forceRerun: Bool

    public init(defaultCompute: String? = nil, defaultDatastore: String? = nil, defaultEnvironment: String? = nil,
                continueOnStepFailure: Bool = true, forceRerun: Bool = false) {
        self.defaultCompute = defaultCompute
        self.defaultDatastore = defaultDatastore
        self.defaultEnvironment = defaultEnvironment
        self.continueOnStepFailure = continueOnStepFailure
        self.forceRerun = forceRerun
    }
}

/// Where a step's component comes from.
public enum ComponentSource: Sendable, Equatable {
    /// `command:` written in the step itself.
    case inline(CommandComponentSpec)
    /// `component: ./train.yml` (relative to the pipeline file).
    case file(String)
    /// `component: azureml:train:1` or `azureml:train@latest`.
    case registered(String)
}

/// One entry of `jobs:` in a pipeline.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct PipelineStep: Sendable, Equatable {
    public var name: String
    public var displayName: String?
    public var component: ComponentSource
    public var componentPosition: SourcePosition
    public var inputs: [JobInput]
    public var outputs: [JobOutput]
    public var compute: String?
    public var environmentVariables: [String: String]
    public var timeoutSeconds: Int?
    /// Step-level `force_rerun` (overrides the pipeline's setting when given).
    public var forceRerun: Bool?
    /// Where the step's name is written.
    public var position: SourcePosition
    /// Where each of the step's keys is written (`compute`, `code`, ...), for errors found after parsing.
    public var keyPositions: [String: SourcePosition] = [:]

    public init(name: String, displayName: String? = nil, component: ComponentSource, componentPosition: SourcePosition,
                inputs: [JobInput] = [], outputs: [JobOutput] = [], compute: String? = nil,
                environmentVariables: [String: String] = [:], timeoutSeconds: Int? = nil, forceRerun: Bool? = nil,
                position: SourcePosition) {
        self.name = name
        self.displayName = displayName
        self.component = component
        self.componentPosition = componentPosition
        self.inputs = inputs
        self.outputs = outputs
        self.compute = compute
        self.environmentVariables = environmentVariables
        self.timeoutSeconds = timeoutSeconds
        self.forceRerun = forceRerun
        self.position = position
    }
}
