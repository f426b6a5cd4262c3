import Foundation
import Yams

/// Parsers for the pieces job, step, trial and component YAML share: inputs, outputs, environments,
/// resources and limits.
extension SpecReader {
    typealias Pairs = [(key: String, keyNode: Node, value: Node)]

    static let inputObjectKeys: Set<String> = ["type", "path", "mode", "default", "value", "optional", "description", "datastore", "min", "max", "enum"]
    static let outputObjectKeys: Set<String> = ["type", "path", "mode", "name", "version", "description", "datastore"]

    /// `inputs:` of a job or step (values, not declarations).
    func jobInputs(_ pairs: Pairs, prefix: String) -> [JobInput] {
        guard let node = Self.value(pairs, "inputs"), !Self.isNull(node) else { return [] }
        let field = Self.join(prefix, "inputs")
        guard let entries = mapping(node, field) else { return [] }
        var inputs: [JobInput] = []
        for entry in entries {
            if let input = jobInput(entry.key, entry.value, field: Self.join(field, entry.key), keyNode: entry.keyNode) {
                inputs.append(input)
            }
        }
        return inputs
    }

    func jobInput(_ name: String, _ node: Node, field: String, keyNode: Node) -> JobInput? {
        let position = self.position(keyNode)
        if Self.isNull(node) {
            report(.invalidField, field, "The input has no value; give a literal, a binding or {type, path}.", at: keyNode)
            return nil
        }
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            if BindingScanner.isWholeBinding(text) {
                return JobInput(name: name, value: .binding(text), position: position)
            }
            return JobInput(name: name, value: .literal(text), position: position)
        case .mapping:
            guard let object = mapping(node, field) else { return nil }
            checkKeys(object, allowed: Self.inputObjectKeys, prefix: field)
            var type: JobInputType?
            if let typeNode = Self.value(object, "type"), !Self.isNull(typeNode) {
                guard let text = oneOf(typeNode, Self.join(field, "type"), JobInputType.allCases.map(\.rawValue)) else { return nil }
                type = JobInputType(rawValue: text)
            }
            let mode = dataMode(object, prefix: field)
            if let pathNode = Self.value(object, "path"), !Self.isNull(pathNode) {
                guard let path = scalar(pathNode, Self.join(field, "path")) else { return nil }
                let dataType = type ?? .uriFolder
                if !dataType.isData {
                    report(.invalidField, Self.join(field, "path"), "A `\(dataType.rawValue)` input takes a value, not a path.", at: pathNode)
                    return nil
                }
                return JobInput(name: name, value: .data(type: dataType, path: path, mode: mode), declaredType: dataType, position: position)
            }
            if let valueNode = Self.value(object, "value") ?? Self.value(object, "default"), !Self.isNull(valueNode) {
                guard let text = scalar(valueNode, field) else { return nil }
                if BindingScanner.isWholeBinding(text) {
                    return JobInput(name: name, value: .binding(text), declaredType: type, position: position)
                }
                return JobInput(name: name, value: .literal(text), declaredType: type, position: position)
            }
            report(.missingField, Self.join(field, "path"), "Missing data for required field: a data input needs `path` (a literal input needs `value`).", at: node)
            return nil
        default:
            report(.invalidField, field, "Not a valid input: found \(Self.kind(of: node)).", at: node)
            return nil
        }
    }

    func dataMode(_ object: Pairs, prefix: String) -> JobDataMode? {
        guard let modeNode = Self.value(object, "mode"), !Self.isNull(modeNode) else { return nil }
        guard let text = oneOf(modeNode, Self.join(prefix, "mode"), JobDataMode.allCases.map(\.rawValue)) else { return nil }
        return JobDataMode(rawValue: text)
    }

    /// `outputs:` of a job or step.
    func jobOutputs(_ pairs: Pairs, prefix: String) -> [JobOutput] {
        guard let node = Self.value(pairs, "outputs"), !Self.isNull(node) else { return [] }
        let field = Self.join(prefix, "outputs")
        guard let entries = mapping(node, field) else { return [] }
        var outputs: [JobOutput] = []
        for entry in entries {
            let outputField = Self.join(field, entry.key)
            let position = self.position(entry.keyNode)
            if Self.isNull(entry.value) {
                outputs.append(JobOutput(name: entry.key, position: position))
                continue
            }
            switch entry.value {
            case .scalar(let scalar):
                if BindingScanner.isWholeBinding(scalar.string) {
                    outputs.append(JobOutput(name: entry.key, binding: scalar.string, position: position))
                } else {
                    report(.invalidField, outputField, "An output is empty, a binding such as ${{parent.outputs.x}}, or {type, mode, path}.", at: entry.value)
                }
            case .mapping:
                guard let object = mapping(entry.value, outputField) else { continue }
                checkKeys(object, allowed: Self.outputObjectKeys, prefix: outputField)
                var type = JobInputType.uriFolder
                if let typeNode = Self.value(object, "type"), !Self.isNull(typeNode) {
                    let allowed = JobInputType.allCases.filter(\.isData).map(\.rawValue)
                    if let text = oneOf(typeNode, Self.join(outputField, "type"), allowed), let parsed = JobInputType(rawValue: text) { type = parsed }
                }
                outputs.append(JobOutput(
                    name: entry.key, type: type, mode: dataMode(object, prefix: outputField),
                    path: optionalText(object, "path", prefix: outputField),
                    assetName: optionalText(object, "name", prefix: outputField),
                    assetVersion: optionalText(object, "version", prefix: outputField),
                    position: position))
            default:
                report(.invalidField, outputField, "Not a valid output: found \(Self.kind(of: entry.value)).", at: entry.value)
            }
        }
        return outputs
    }

    /// `inputs:` of a component (declarations with types and defaults).
    func componentInputs(_ pairs: Pairs, prefix: String) -> [ComponentInputDeclaration] {
        guard let node = Self.value(pairs, "inputs"), !Self.isNull(node) else { return [] }
        let field = Self.join(prefix, "inputs")
        guard let entries = mapping(node, field) else { return [] }
        var declarations: [ComponentInputDeclaration] = []
        for entry in entries {
            let inputField = Self.join(field, entry.key)
            guard let object = mapping(entry.value, inputField) else { continue }
            checkKeys(object, allowed: Self.inputObjectKeys, prefix: inputField)
            guard let typeText = requiredText(object, "type", prefix: inputField, owner: entry.keyNode),
                  let typeNode = Self.value(object, "type"),
                  oneOf(typeNode, Self.join(inputField, "type"), JobInputType.allCases.map(\.rawValue)) != nil,
                  let type = JobInputType(rawValue: typeText) else { continue }
            var allowedValues: [String]?
            if let enumNode = Self.value(object, "enum"), case .sequence(let items) = enumNode {
                allowedValues = items.compactMap { scalar($0, Self.join(inputField, "enum")) }
            }
            var minimum: Double?
            var maximum: Double?
            if let node = Self.value(object, "min"), !Self.isNull(node) { minimum = number(node, Self.join(inputField, "min")) }
            if let node = Self.value(object, "max"), !Self.isNull(node) { maximum = number(node, Self.join(inputField, "max")) }
            declarations.append(ComponentInputDeclaration(
                name: entry.key, type: type,
                defaultValue: optionalText(object, "default", prefix: inputField),
                optional: optionalBoolean(object, "optional", prefix: inputField) ?? false,
                minimum: minimum, maximum: maximum, allowedValues: allowedValues,
                description: optionalText(object, "description", prefix: inputField),
                position: position(entry.keyNode)))
        }
        return declarations
    }

    /// `outputs:` of a component.
    func componentOutputs(_ pairs: Pairs, prefix: String) -> [ComponentOutputDeclaration] {
        guard let node = Self.value(pairs, "outputs"), !Self.isNull(node) else { return [] }
        let field = Self.join(prefix, "outputs")
        guard let entries = mapping(node, field) else { return [] }
        var declarations: [ComponentOutputDeclaration] = []
        for entry in entries {
            let outputField = Self.join(field, entry.key)
            var type = JobInputType.uriFolder
            var description: String?
            if !Self.isNull(entry.value) {
                guard let object = mapping(entry.value, outputField) else { continue }
                checkKeys(object, allowed: Self.outputObjectKeys, prefix: outputField)
                if let typeNode = Self.value(object, "type"), !Self.isNull(typeNode),
                   let text = oneOf(typeNode, Self.join(outputField, "type"), JobInputType.allCases.filter(\.isData).map(\.rawValue)),
                   let parsed = JobInputType(rawValue: text) {
                    type = parsed
                }
                description = optionalText(object, "description", prefix: outputField)
            }
            declarations.append(ComponentOutputDeclaration(name: entry.key, type: type, description: description, position: position(entry.keyNode)))
        }
        return declarations
    }

    static let inlineEnvironmentKeys: Set<String> = ["image", "conda_file", "build", "name", "version", "description", "tags", "os_type", "inference_config", "$schema"]

    /// `environment:` as a reference or an inline definition.
    func environment(_ pairs: Pairs, prefix: String) -> EnvironmentReference? {
        guard let node = Self.value(pairs, "environment"), !Self.isNull(node) else { return nil }
        let field = Self.join(prefix, "environment")
        if case .scalar(let scalar) = node { return .registered(scalar.string) }
        guard let object = mapping(node, field) else { return nil }
        checkKeys(object, allowed: Self.inlineEnvironmentKeys, prefix: field)
        var environment = InlineEnvironment()
        environment.image = optionalText(object, "image", prefix: field)
        environment.description = optionalText(object, "description", prefix: field)
        if let conda = Self.value(object, "conda_file"), !Self.isNull(conda) {
            if case .scalar(let scalar) = conda {
                environment.condaFile = .path(scalar.string)
            } else if let text = try? Yams.serialize(node: conda) {
                environment.condaFile = .inline(text)
            }
        }
        if let build = Self.value(object, "build"), !Self.isNull(build) {
            let buildField = Self.join(field, "build")
            if let buildPairs = mapping(build, buildField) {
                checkKeys(buildPairs, allowed: ["path", "dockerfile_path"], prefix: buildField)
                environment.buildContext = requiredText(buildPairs, "path", prefix: buildField, owner: build)
                environment.dockerfilePath = optionalText(buildPairs, "dockerfile_path", prefix: buildField)
            }
        }
        if environment.image == nil && environment.buildContext == nil {
            report(.missingField, Self.join(field, "image"), "An inline environment needs `image` or `build`.", at: node)
        }
        if environment.image != nil && environment.buildContext != nil {
            report(.invalidField, Self.join(field, "build"), "Give either `image` (with an optional `conda_file`) or `build`, not both.", at: node)
        }
        return .inline(environment)
    }

    /// `resources:`.
    func resources(_ pairs: Pairs, prefix: String) -> JobResources {
        guard let node = Self.value(pairs, "resources"), !Self.isNull(node) else { return JobResources() }
        let field = Self.join(prefix, "resources")
        guard let object = mapping(node, field) else { return JobResources() }
        checkKeys(object, allowed: ["instance_count", "instance_type", "shm_size", "docker_args", "locations", "max_instance_count", "properties"], prefix: field)
        let count = optionalInteger(object, "instance_count", prefix: field, minimum: 1) ?? 1
        if count > 1 {
            warnNotSimulated("several nodes (resources.instance_count: \(count)); the command runs once, on one node", Self.join(field, "instance_count"), at: Self.value(object, "instance_count"))
        }
        return JobResources(instanceCount: count,
                            instanceType: optionalText(object, "instance_type", prefix: field),
                            shmSize: optionalText(object, "shm_size", prefix: field))
    }

    /// `distribution:`; returns its type and warns that it runs as one process.
    func distribution(_ pairs: Pairs, prefix: String) -> String? {
        guard let node = Self.value(pairs, "distribution"), !Self.isNull(node) else { return nil }
        let field = Self.join(prefix, "distribution")
        guard let object = mapping(node, field) else { return nil }
        checkKeys(object, allowed: ["type", "process_count_per_instance", "worker_count", "parameter_server_count", "include_dashboard", "head_address", "head_node_additional_args", "worker_node_additional_args"], prefix: field)
        guard let typeNode = Self.value(object, "type"), let type = oneOf(typeNode, Self.join(field, "type"), ["pytorch", "mpi", "tensorflow", "ray"]) else {
            if Self.value(object, "type") == nil { report(.missingField, Self.join(field, "type"), "Missing data for required field.", at: node) }
            return nil
        }
        warnNotSimulated("distributed training (distribution.type: \(type)); the command runs as a single process", field, at: Self.keyNode(pairs, "distribution"))
        return type
    }

    /// `limits.timeout` of a command job or step, in seconds.
    func commandTimeout(_ pairs: Pairs, prefix: String) -> Int? {
        guard let node = Self.value(pairs, "limits"), !Self.isNull(node) else { return nil }
        let field = Self.join(prefix, "limits")
        guard let object = mapping(node, field) else { return nil }
        checkKeys(object, allowed: ["timeout"], prefix: field)
        return optionalInteger(object, "timeout", prefix: field, minimum: 1)
    }

    /// `services:` names, with a warning that no interactive endpoint is started.
    func services(_ pairs: Pairs, prefix: String) -> [String] {
        guard let node = Self.value(pairs, "services"), !Self.isNull(node) else { return [] }
        let field = Self.join(prefix, "services")
        guard let entries = mapping(node, field) else { return [] }
        if !entries.isEmpty {
            warnNotSimulated("interactive services (\(entries.map(\.key).joined(separator: ", "))); none is started", field, at: Self.keyNode(pairs, "services"))
        }
        return entries.map(\.key)
    }

    /// `identity.type`.
    func identity(_ pairs: Pairs, prefix: String) -> String? {
        guard let node = Self.value(pairs, "identity"), !Self.isNull(node) else { return nil }
        let field = Self.join(prefix, "identity")
        guard let object = mapping(node, field) else { return nil }
        checkKeys(object, allowed: ["type", "user_assigned_identities", "client_id", "object_id", "resource_id"], prefix: field)
        guard let typeNode = Self.value(object, "type") else { return nil }
        return oneOf(typeNode, Self.join(field, "type"), ["user_identity", "managed", "aml_token", "managed_identity"])
    }

    /// Fields every job carries.
    func metadata(_ pairs: Pairs) -> JobMetadata {
        JobMetadata(
            schema: optionalText(pairs, "$schema", prefix: ""),
            name: optionalText(pairs, "name", prefix: ""),
            displayName: optionalText(pairs, "display_name", prefix: ""),
            experimentName: optionalText(pairs, "experiment_name", prefix: ""),
            description: optionalText(pairs, "description", prefix: ""),
            tags: stringMap(pairs, "tags", prefix: ""),
            compute: optionalText(pairs, "compute", prefix: ""),
            identityType: identity(pairs, prefix: ""),
            positions: Dictionary(pairs.map { ($0.key, position($0.keyNode)) }, uniquingKeysWith: { first, _ in first }))
    }
}
