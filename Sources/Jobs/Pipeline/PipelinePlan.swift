import Foundation

/// Where a step input's value comes from when the step runs.
enum StepInputSource: Sendable, Equatable {
    case value(RunInputValue)
    /// The output of an earlier step (`${{parent.jobs.step.outputs.name}}`).
    case stepOutput(step: String, output: String, type: JobInputType)
}

/// One resolved pipeline step.
struct PlannedStep: Sendable {
    var name: String
    var displayName: String
    var component: CommandComponentSpec
    var componentReference: String?
    var code: URL?
    var includes: [URL]
    var inputs: [String: StepInputSource]
    var outputs: [RunOutput]
    /// Step output name → pipeline output name (`${{parent.outputs.y}}`).
    var pipelineOutputs: [String: String]
    var compute: String?
    var environmentVariables: [String: String]
    var timeoutSeconds: Int?
    var forceRerun: Bool
    /// Steps whose outputs this step reads.
    var dependencies: [String]
    var baseDirectory: URL
    /// The step's inputs as its child job record shows them (asset versions, earlier steps' outputs, literals).
    var recordedInputs: [String: RecordedInput] = [:]
    /// The step's outputs with their types and, when given, the asset name and version to register.
    var declaredOutputs: [JobOutput] = []
    /// SHA-256 of the step's code folder, for lineage.
    var codeHash: String?
}

/// A pipeline ready to run: steps in dependency order.
struct PipelinePlan: Sendable {
    var info: JobRecordInfo
    var settings: PipelineSettings
    var steps: [PlannedStep]
}
