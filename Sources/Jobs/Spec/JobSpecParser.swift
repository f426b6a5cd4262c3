import Foundation
import Yams

/// Parses Azure ML job and component YAML into specs, reporting every schema problem with its field
/// and line in az's template (`JobSpecError`).
public enum JobSpecParser {
    static let commonJobKeys: Set<String> = ["$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "compute", "identity", "properties", "queue_settings"]
    static let commandJobKeys = commonJobKeys.union(["command", "code", "environment", "environment_variables", "distribution", "resources", "limits", "inputs", "outputs", "services"])
    static let pipelineJobKeys = commonJobKeys.union(["inputs", "outputs", "settings", "jobs"])
    static let sweepJobKeys = commonJobKeys.union(["trial", "inputs", "outputs", "sampling_algorithm", "search_space", "objective", "limits", "early_termination", "resources"])
    static let componentKeys: Set<String> = ["$schema", "name", "version", "display_name", "description", "tags", "type", "inputs", "outputs", "code", "environment", "command", "additional_includes", "is_deterministic", "resources", "distribution", "environment_variables", "properties", "jobs", "settings", "instance_count"]

    /// Parses a job YAML text. `file` names the file in messages.
    public static func parseJob(yaml: String, file: String) throws -> ParsedJob {
        let reader = SpecReader(file: file)
        guard let node = reader.compose(yaml) else {
            throw JobSpecError.schema(entity: "Job", file: file, issues: reader.issues)
        }
        return try parseJob(node: node, file: file, reader: reader)
    }

    /// Parses a job from an already composed node (for callers that patch the YAML with `--set` first).
    public static func parseJob(node: Node, file: String) throws -> ParsedJob {
        try parseJob(node: node, file: file, reader: SpecReader(file: file))
    }

    static func parseJob(node: Node, file: String, reader: SpecReader) throws -> ParsedJob {
        guard let pairs = reader.mapping(node, "") else {
            throw JobSpecError.schema(entity: "Job", file: file, issues: reader.issues)
        }
        var type = "command"
        if let typeNode = SpecReader.value(pairs, "type"), !SpecReader.isNull(typeNode) {
            guard let text = reader.oneOf(typeNode, "type", ["command", "pipeline", "sweep", "spark", "parallel", "automl", "import"]) else {
                throw JobSpecError.schema(entity: "Job", file: file, issues: reader.issues)
            }
            type = text
        }
        let spec: JobSpec
        let entity: String
        switch type {
        case "pipeline":
            entity = "PipelineJob"
            reader.checkKeys(pairs, allowed: pipelineJobKeys, prefix: "")
            spec = .pipeline(pipeline(pairs, owner: node, reader: reader, metadata: reader.metadata(pairs)))
        case "sweep":
            entity = "SweepJob"
            reader.checkKeys(pairs, allowed: sweepJobKeys, prefix: "")
            spec = .sweep(SweepSpecParser.sweep(pairs, owner: node, reader: reader))
        case "command":
            entity = "CommandJob"
            reader.checkKeys(pairs, allowed: commandJobKeys, prefix: "")
            spec = .command(command(pairs, owner: node, reader: reader))
        default:
            reader.refuseNotSimulated("\(type) jobs", "type", at: SpecReader.value(pairs, "type"))
            throw JobSpecError.schema(entity: "Job", file: file, issues: reader.issues)
        }
        if !reader.issues.isEmpty {
            throw JobSpecError.schema(entity: entity, file: file, issues: reader.issues)
        }
        return ParsedJob(spec: spec, warnings: reader.warnings, file: file)
    }

    static func command(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> CommandJobSpec {
        let command = reader.requiredText(pairs, "command", prefix: "", owner: owner) ?? ""
        let spec = CommandJobSpec(
            metadata: reader.metadata(pairs),
            command: command,
            commandPosition: reader.position(SpecReader.value(pairs, "command") ?? owner),
            code: reader.optionalText(pairs, "code", prefix: ""),
            environment: reader.environment(pairs, prefix: ""),
            environmentVariables: reader.stringMap(pairs, "environment_variables", prefix: ""),
            inputs: reader.jobInputs(pairs, prefix: ""),
            outputs: reader.jobOutputs(pairs, prefix: ""),
            timeoutSeconds: reader.commandTimeout(pairs, prefix: ""),
            resources: reader.resources(pairs, prefix: ""),
            distributionType: reader.distribution(pairs, prefix: ""),
            services: reader.services(pairs, prefix: ""))
        if spec.environment == nil {
            reader.report(.missingField, "environment", "Missing data for required field.", at: owner)
        }
        return spec
    }

    // MARK: Pipelines

    static let stepKeys: Set<String> = ["type", "component", "command", "code", "environment", "environment_variables", "inputs", "outputs", "compute", "resources", "limits", "distribution", "name", "display_name", "description", "tags", "services", "identity", "properties", "queue_settings", "settings", "experiment_name"]

    static func pipeline(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader, metadata: JobMetadata) -> PipelineJobSpec {
        var settings = PipelineSettings()
        if let node = SpecReader.value(pairs, "settings"), !SpecReader.isNull(node), let object = reader.mapping(node, "settings") {
            reader.checkKeys(object, allowed: ["default_compute", "default_datastore", "default_environment", "continue_on_step_failure", "force_rerun"], prefix: "settings")
            settings.defaultCompute = reader.optionalText(object, "default_compute", prefix: "settings")
            settings.defaultDatastore = reader.optionalText(object, "default_datastore", prefix: "settings")
            settings.defaultEnvironment = reader.optionalText(object, "default_environment", prefix: "settings")
            settings.continueOnStepFailure = reader.optionalBoolean(object, "continue_on_step_failure", prefix: "settings") ?? true
            settings.forceRerun = reader.optionalBoolean(object, "force_rerun", prefix: "settings") ?? false
        }
        var steps: [PipelineStep] = []
        if let jobsNode = SpecReader.value(pairs, "jobs"), !SpecReader.isNull(jobsNode) {
            if let entries = reader.mapping(jobsNode, "jobs") {
                for entry in entries {
                    if let step = step(entry.key, entry.value, keyNode: entry.keyNode, reader: reader) { steps.append(step) }
                }
                if entries.isEmpty { reader.report(.missingField, "jobs", "A pipeline needs at least one step.", at: jobsNode) }
            }
        } else {
            reader.report(.missingField, "jobs", "Missing data for required field.", at: owner)
        }
        return PipelineJobSpec(metadata: metadata, inputs: reader.jobInputs(pairs, prefix: ""),
                               outputs: reader.jobOutputs(pairs, prefix: ""), settings: settings, steps: steps)
    }

    static func step(_ name: String, _ node: Node, keyNode: Node, reader: SpecReader) -> PipelineStep? {
        let field = "jobs.\(name)"
        let validName = name.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        if !validName {
            reader.report(.invalidField, field, "Step name '\(name)' is not a valid identifier: use letters, digits and '_', starting with a letter or '_'.", at: keyNode)
            return nil
        }
        guard let pairs = reader.mapping(node, field) else { return nil }
        reader.checkKeys(pairs, allowed: stepKeys, prefix: field)
        if let typeNode = SpecReader.value(pairs, "type"), !SpecReader.isNull(typeNode) {
            guard let type = reader.oneOf(typeNode, "\(field).type", ["command", "sweep", "parallel", "spark", "pipeline", "automl", "data_transfer", "import"]) else { return nil }
            if type != "command" {
                reader.refuseNotSimulated("\(type) steps in pipelines", "\(field).type", at: typeNode)
                return nil
            }
        }
        let componentNode = SpecReader.value(pairs, "component")
        let commandNode = SpecReader.value(pairs, "command")
        let inputs = reader.jobInputs(pairs, prefix: field)
        let outputs = reader.jobOutputs(pairs, prefix: field)
        let source: ComponentSource
        if let componentNode, !SpecReader.isNull(componentNode) {
            if commandNode != nil {
                reader.report(.invalidField, "\(field).command", "A step takes either `component` or an inline `command`, not both.", at: commandNode)
            }
            switch componentNode {
            case .scalar(let scalar):
                let reference = scalar.string
                if reference.hasPrefix("azureml:") {
                    source = .registered(reference)
                } else {
                    source = .file(reference.hasPrefix("file:") ? String(reference.dropFirst(5)) : reference)
                }
            case .mapping:
                guard let parsed = ComponentParser.command(componentNode, field: "\(field).component", reader: reader) else { return nil }
                source = .inline(parsed)
            default:
                reader.report(.invalidField, "\(field).component", "Not a valid component: give a file path, an azureml: reference or an inline component.", at: componentNode)
                return nil
            }
        } else if commandNode != nil {
            let command = reader.requiredText(pairs, "command", prefix: field, owner: node) ?? ""
            let component = CommandComponentSpec(
                name: name, displayName: reader.optionalText(pairs, "display_name", prefix: field),
                command: command, commandPosition: reader.position(commandNode),
                code: reader.optionalText(pairs, "code", prefix: field),
                environment: reader.environment(pairs, prefix: field),
                inputs: inputs.map { inferredDeclaration($0) },
                outputs: outputs.map { ComponentOutputDeclaration(name: $0.name, type: $0.type, position: $0.position) },
                resources: reader.resources(pairs, prefix: field),
                distributionType: reader.distribution(pairs, prefix: field))
            source = .inline(component)
        } else {
            reader.report(.missingField, "\(field).component", "A step needs `component` (a file or azureml: reference) or an inline `command`.", at: keyNode)
            return nil
        }
        _ = reader.services(pairs, prefix: field)
        var parsed = PipelineStep(
            name: name, displayName: reader.optionalText(pairs, "display_name", prefix: field),
            component: source, componentPosition: reader.position(componentNode ?? commandNode ?? keyNode),
            inputs: inputs, outputs: outputs,
            compute: reader.optionalText(pairs, "compute", prefix: field),
            environmentVariables: reader.stringMap(pairs, "environment_variables", prefix: field),
            timeoutSeconds: reader.commandTimeout(pairs, prefix: field),
            position: reader.position(keyNode))
        parsed.keyPositions = Dictionary(pairs.map { ($0.key, reader.position($0.keyNode)) }, uniquingKeysWith: { first, _ in first })
        return parsed
    }

    /// The declaration an inline step implies for one of its inputs.
    static func inferredDeclaration(_ input: JobInput) -> ComponentInputDeclaration {
        let type: JobInputType
        switch input.value {
        case .data(let dataType, _, _): type = dataType
        case .literal, .binding: type = input.declaredType ?? .string
        }
        return ComponentInputDeclaration(name: input.name, type: type, optional: false, position: input.position)
    }

    // MARK: Components

    /// Parses a command or pipeline component YAML text.
    public static func parseComponent(yaml: String, file: String, baseDirectory: URL? = nil) throws -> ParsedComponent {
        let reader = SpecReader(file: file)
        guard let node = reader.compose(yaml), let pairs = reader.mapping(node, "") else {
            throw JobSpecError.schema(entity: "CommandComponent", file: file, issues: reader.issues)
        }
        var type = "command"
        if let typeNode = SpecReader.value(pairs, "type"), !SpecReader.isNull(typeNode) {
            guard let text = reader.oneOf(typeNode, "type", ["command", "pipeline", "parallel", "spark"]) else {
                throw JobSpecError.schema(entity: "CommandComponent", file: file, issues: reader.issues)
            }
            type = text
        }
        switch type {
        case "pipeline":
            reader.checkKeys(pairs, allowed: ["$schema", "name", "version", "display_name", "description", "tags", "type", "inputs", "outputs", "jobs", "settings", "is_deterministic"], prefix: "")
            let body = pipeline(pairs, owner: node, reader: reader, metadata: JobMetadata(
                schema: reader.optionalText(pairs, "$schema", prefix: ""), name: reader.optionalText(pairs, "name", prefix: ""),
                displayName: reader.optionalText(pairs, "display_name", prefix: ""),
                description: reader.optionalText(pairs, "description", prefix: ""), tags: reader.stringMap(pairs, "tags", prefix: "")))
            if !reader.issues.isEmpty { throw JobSpecError.schema(entity: "PipelineComponent", file: file, issues: reader.issues) }
            return ParsedComponent(kind: .pipeline(name: body.metadata.name, version: reader.optionalText(pairs, "version", prefix: ""), body: body),
                                   warnings: reader.warnings, file: file)
        case "command":
            guard var component = ComponentParser.command(node, field: "", reader: reader) else {
                throw JobSpecError.schema(entity: "CommandComponent", file: file, issues: reader.issues)
            }
            if component.name == nil { reader.report(.missingField, "name", "Missing data for required field.", at: node) }
            if !reader.issues.isEmpty { throw JobSpecError.schema(entity: "CommandComponent", file: file, issues: reader.issues) }
            component.baseDirectory = baseDirectory
            return ParsedComponent(kind: .command(component), warnings: reader.warnings, file: file)
        default:
            reader.refuseNotSimulated("\(type) components", "type", at: SpecReader.value(pairs, "type"))
            throw JobSpecError.schema(entity: "Component", file: file, issues: reader.issues)
        }
    }
}

/// Parses the body of a command component (a file, or inline under a step's `component:`).
enum ComponentParser {
    static func command(_ node: Node, field: String, reader: SpecReader) -> CommandComponentSpec? {
        guard let pairs = reader.mapping(node, field) else { return nil }
        reader.checkKeys(pairs, allowed: JobSpecParser.componentKeys.subtracting(["jobs", "settings"]), prefix: field)
        let command = reader.requiredText(pairs, "command", prefix: field, owner: node) ?? ""
        var includes: [String] = []
        if let includeNode = SpecReader.value(pairs, "additional_includes"), !SpecReader.isNull(includeNode) {
            if case .sequence(let items) = includeNode {
                includes = items.compactMap { reader.scalar($0, SpecReader.join(field, "additional_includes")) }
            } else {
                reader.report(.invalidField, SpecReader.join(field, "additional_includes"), "Not a valid list.", at: includeNode)
            }
        }
        let environment = reader.environment(pairs, prefix: field)
        if environment == nil {
            reader.report(.missingField, SpecReader.join(field, "environment"), "Missing data for required field.", at: node)
        }
        return CommandComponentSpec(
            name: reader.optionalText(pairs, "name", prefix: field),
            version: reader.optionalText(pairs, "version", prefix: field),
            displayName: reader.optionalText(pairs, "display_name", prefix: field),
            description: reader.optionalText(pairs, "description", prefix: field),
            tags: reader.stringMap(pairs, "tags", prefix: field),
            command: command,
            commandPosition: reader.position(SpecReader.value(pairs, "command") ?? node),
            code: reader.optionalText(pairs, "code", prefix: field),
            environment: environment,
            inputs: reader.componentInputs(pairs, prefix: field),
            outputs: reader.componentOutputs(pairs, prefix: field),
            isDeterministic: reader.optionalBoolean(pairs, "is_deterministic", prefix: field) ?? true,
            additionalIncludes: includes,
            environmentVariables: reader.stringMap(pairs, "environment_variables", prefix: field),
            resources: reader.resources(pairs, prefix: field),
            distributionType: reader.distribution(pairs, prefix: field))
    }
}
