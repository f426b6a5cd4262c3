import Foundation

/// The `type` of a job or component input.
public enum JobInputType: String, Sendable, Equatable, CaseIterable {
    case uriFile = "uri_file"
    case uriFolder = "uri_folder"
    case mltable
    case mlflowModel = "mlflow_model"
    case customModel = "custom_model"
    case tritonModel = "triton_model"
    case integer
    case number
    case string
    case boolean

    /// Whether the input is a file or folder (as opposed to a literal value).
    public var isData: Bool {
        switch self {
        case .integer, .number, .string, .boolean: return false
        default: return true
        }
    }

    /// Whether the input or output is a model (`mlflow_model`, `custom_model`, `triton_model`): it names a
    /// registered model, not a data asset.
    public var isModel: Bool {
        switch self {
        case .mlflowModel, .customModel, .tritonModel: return true
        default: return false
        }
    }
}

/// How a data input or output reaches the job (`mode`).
public enum JobDataMode: String, Sendable, Equatable, CaseIterable {
    case roMount = "ro_mount"
    case rwMount = "rw_mount"
    case download
    case upload
    case direct
    case evalMount = "eval_mount"
    case evalDownload = "eval_download"
}

/// One input of a job or of a pipeline step, as written in the YAML.
public struct JobInput: Sendable, Equatable {
    /// What the input holds.
    public enum Value: Sendable, Equatable {
        /// A literal (`C: 0.8`, `kernel: rbf`), kept as text as az returns it.
        case literal(String)
        /// A whole-value binding such as `${{parent.inputs.lr}}`.
        case binding(String)
        /// A file, folder, table or model: `{type, path, mode}`. `path` may itself be a binding.
        case data(type: JobInputType, path: String, mode: JobDataMode?)
    }

    public var name: String
    public var value: Value
    /// Declared `type` when the YAML gives one (also for typed literals).
    public var declaredType: JobInputType?
    public var position: SourcePosition

    public init(name: String, value: Value, declaredType: JobInputType? = nil, position: SourcePosition) {
        self.name = name
        self.value = value
        self.declaredType = declaredType
        self.position = position
    }
}

/// An input as the job record shows it (`az ml job show`) and lineage reads it, once resolved at submit time.
public enum RecordedInput: Sendable, Equatable {
    /// A literal value, kept as text as az returns it.
    case literal(String)
    /// A file, folder, table or model: its type, where it comes from and the mode it is read with. `path` is
    /// an asset reference with its version resolved (`azureml:name:3`, never `@latest`), an earlier job's
    /// output (`azureml://jobs/<job>/outputs/<name>`), or the path as written.
    case data(type: JobInputType, path: String, mode: JobDataMode?)
}

/// One output of a job or pipeline step.
public struct JobOutput: Sendable, Equatable {
    public var name: String
    /// `uri_folder` unless the YAML says otherwise.
    public var type: JobInputType
    public var mode: JobDataMode?
    /// An explicit destination (`azureml://datastores/...`), possibly containing `${{name}}`.
    public var path: String?
    /// Register the output as an asset with this name (and version) when the job completes.
    public var assetName: String?
    public var assetVersion: String?
    /// A binding such as `${{parent.outputs.model}}` when a step's output feeds a pipeline output.
    public var binding: String?
    public var position: SourcePosition

    public init(name: String, type: JobInputType = .uriFolder, mode: JobDataMode? = nil, path: String? = nil,
                assetName: String? = nil, assetVersion: String? = nil, binding: String? = nil, position: SourcePosition) {
        self.name = name
        self.type = type
        self.mode = mode
        self.path = path
        self.assetName = assetName
        self.assetVersion = assetVersion
        self.binding = binding
        self.position = position
    }
}

/// An input a component declares (`inputs:` of a command component).
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct ComponentInputDeclaration: Sendable, Equatable {
    public var name: String
    public var type: JobInputType
    public var defaultValue: String?
    public var optional: Bool
    public var minimum: Double?
    public var maximum: Double?
    public var allowedValues: [String]?
    public var description: String?
    public var position: SourcePosition

    public init(name: String, type: JobInputType, defaultValue: String? = nil, optional: Bool = false,
                minimum: Double? = nil, maximum: Double? = nil, allowedValues: [String]? = nil,
                description: String? = nil, position: SourcePosition) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.optional = optional
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.description = description
        self.position = position
    }
}

/// An output a component declares.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct ComponentOutputDeclaration: Sendable, Equatable {
    public var name: String
    public var type: JobInputType
    public var description: String?
    public var position: SourcePosition

    public init(name: String, type: JobInputType, description: String? = nil, position: SourcePosition) {
        self.name = name
        self.type = type
        self.description = description
        self.position = position
    }
}
