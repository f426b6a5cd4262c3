import Foundation

/// A resolved input value of one command run.
enum RunInputValue: Sendable, Equatable {
    case literal(String)
    case data(type: JobInputType, source: URL, mode: JobDataMode?)
}

/// A declared output of one command run.
struct RunOutput: Sendable, Equatable {
    var name: String
    var type: JobInputType
    /// For `uri_file` outputs: the file name inside the output folder.
    var fileName: String?
}

/// Everything needed to run one command: a command job, a pipeline step or a sweep trial.
struct CommandRun: Sendable {
    var info: JobRecordInfo
    var command: String
    var codeFolder: URL?
    var additionalIncludes: [URL]
    var environment: EnvironmentReference?
    var environmentVariables: [String: String]
    var inputs: [String: RunInputValue]
    var outputs: [RunOutput]
    var timeoutSeconds: Int?
    var searchValues: [String: String]
    var baseDirectory: URL
    /// Cancel markers of enclosing jobs (a pipeline or sweep); any of them stops this run.
    var cancelMarkers: [URL] = []
    /// A metric watched while the command runs (sweep trials under an early-termination policy).
    var progressMetric: String?
    /// Called with the watched metric's values whenever more are logged; a returned reason stops the run.
    var progressCheck: (@Sendable ([Double]) -> String?)?
    /// The job's `identity.type`, for the resolver's access check.
    var identityType: String?
    /// Data inputs by name as written in the job (for the resolver's access check).
    var dataPaths: [String: String] = [:]

    var sandbox: JobSandbox { JobSandbox(root: info.sandbox) }
}
