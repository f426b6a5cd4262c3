import Foundation

/// A parsed job YAML of any supported type.
public enum JobSpec: Sendable, Equatable {
    case command(CommandJobSpec)
    case pipeline(PipelineJobSpec)
    case sweep(SweepJobSpec)

    public var metadata: JobMetadata {
        switch self {
        case .command(let spec): return spec.metadata
        case .pipeline(let spec): return spec.metadata
        case .sweep(let spec): return spec.metadata
        }
    }

    /// `command`, `pipeline` or `sweep`, as in the job JSON's `type`.
    public var typeName: String {
        switch self {
        case .command: return "command"
        case .pipeline: return "pipeline"
        case .sweep: return "sweep"
        }
    }

    /// The entity name az uses in its schema errors.
    public var entityName: String {
        switch self {
        case .command: return "CommandJob"
        case .pipeline: return "PipelineJob"
        case .sweep: return "SweepJob"
        }
    }
}

/// The result of parsing a job YAML: the spec plus accepted-but-not-simulated warnings.
public struct ParsedJob: Sendable, Equatable {
    public var spec: JobSpec
    /// "not simulated yet: FEATURE" notes for features accepted but not run as Azure runs them.
    public var warnings: [SchemaIssue]
    /// The file name used in messages.
    public var file: String

    public init(spec: JobSpec, warnings: [SchemaIssue], file: String) {
        self.spec = spec
        self.warnings = warnings
        self.file = file
    }
}

/// The result of parsing a component YAML.
public struct ParsedComponent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case command(CommandComponentSpec)
        /// A pipeline component: its body parsed as a pipeline.
        case pipeline(name: String?, version: String?, body: PipelineJobSpec)
    }

    public var kind: Kind
    public var warnings: [SchemaIssue]
    public var file: String

    public init(kind: Kind, warnings: [SchemaIssue], file: String) {
        self.kind = kind
        self.warnings = warnings
        self.file = file
    }
}
