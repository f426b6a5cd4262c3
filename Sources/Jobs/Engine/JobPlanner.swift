import Foundation

/// Turns a parsed job into a runnable plan, collecting every submit-time problem (unknown bindings,
/// missing files, unknown references) as schema issues with field and line.
struct JobPlanner {
    let resolver: any JobAssetResolver
    let configuration: JobEngineConfiguration
    let file: String
    let baseDirectory: URL

    struct Identity {
        var name: String
        var displayName: String
        var experimentName: String
    }

    func sandbox(_ name: String) -> URL {
        JobSandbox(jobsRoot: configuration.jobsRoot, name: name).root
    }

    // MARK: Command jobs

    func planCommand(_ spec: CommandJobSpec, identity: Identity, issues: inout [SchemaIssue]) -> CommandRun {
        let metadata = spec.metadata
        checkCompute(metadata.compute, position: metadata.position(of: "compute", file: file), field: "compute", issues: &issues)
        checkEnvironment(spec.environment, base: baseDirectory, field: "environment", position: metadata.position(of: "environment", file: file), issues: &issues)
        let code = resolveCode(spec.code, base: baseDirectory, field: "code", position: metadata.position(of: "code", file: file), issues: &issues)
        checkResources(spec.resources, compute: metadata.compute, position: metadata.position(of: "resources", file: file), field: "resources", issues: &issues)
        var inputs: [String: RunInputValue] = [:]
        var recorded: [String: RecordedInput] = [:]
        for input in spec.inputs {
            if let resolved = resolveInput(input, field: "inputs.\(input.name)", base: baseDirectory, issues: &issues) {
                inputs[input.name] = resolved.value
                recorded[input.name] = resolved.record
            }
        }
        checkCommandBindings(spec.command, position: spec.commandPosition, field: "command",
                             inputs: Set(spec.inputs.map(\.name)), outputs: Set(spec.outputs.map(\.name)),
                             searchSpace: nil, issues: &issues)
        checkOutputs(spec.outputs, prefix: "outputs", issues: &issues)
        let info = JobRecordInfo(name: identity.name, displayName: identity.displayName, experimentName: identity.experimentName,
                                 type: "command", parentName: nil, compute: metadata.compute, sandbox: sandbox(identity.name),
                                 inputs: recorded, outputs: spec.outputs, command: spec.command, environment: spec.environment,
                                 codeHash: code.map(CodeHash.of), instanceType: spec.resources.instanceType,
                                 instanceCount: spec.resources.instanceCount)
        var run = CommandRun(info: info, command: spec.command, codeFolder: code, additionalIncludes: [],
                             environment: spec.environment, environmentVariables: spec.environmentVariables,
                             inputs: inputs, outputs: runOutputs(spec.outputs, jobName: identity.name),
                             timeoutSeconds: spec.timeoutSeconds, searchValues: [:], baseDirectory: baseDirectory)
        run.identityType = metadata.identityType
        run.dataPaths = Self.dataPaths(spec.inputs)
        return run
    }

    /// The data inputs' paths as written, by input name.
    static func dataPaths(_ inputs: [JobInput]) -> [String: String] {
        var paths: [String: String] = [:]
        for input in inputs {
            if case .data(_, let path, _) = input.value { paths[input.name] = path }
        }
        return paths
    }

    // MARK: Shared checks

    func checkCompute(_ compute: String?, position: SourcePosition, field: String, issues: inout [SchemaIssue]) {
        do {
            try resolver.checkCompute(compute)
        } catch {
            issues.append(SchemaIssue(.notFound, field: field, "\(error)", at: position))
        }
    }

    func checkResources(_ resources: JobResources, compute: String?, position: SourcePosition, field: String, issues: inout [SchemaIssue]) {
        do {
            try resolver.checkResources(resources, compute: compute)
        } catch {
            issues.append(SchemaIssue(.invalidField, field: "\(field).instance_type", "\(error)", at: position))
        }
    }

    func checkEnvironment(_ environment: EnvironmentReference?, base: URL, field: String, position: SourcePosition, issues: inout [SchemaIssue]) {
        do {
            try resolver.checkEnvironment(environment, baseDirectory: base)
        } catch {
            issues.append(SchemaIssue(.notFound, field: field, "\(error)", at: position))
        }
    }

    func resolveCode(_ code: String?, base: URL, field: String, position: SourcePosition, issues: inout [SchemaIssue]) -> URL? {
        guard let code else { return nil }
        do {
            return try resolver.resolveCode(code, baseDirectory: base)
        } catch let error as JobsError {
            if case .missingPath = error {
                issues.append(SchemaIssue(.missingFile, field: field, "No such file or directory: \(base.appendingPathComponent(code).standardizedFileURL.path)", at: position))
            } else {
                issues.append(SchemaIssue(.notFound, field: field, error.message, at: position))
            }
        } catch {
            issues.append(SchemaIssue(.notFound, field: field, "\(error)", at: position))
        }
        return nil
    }

    /// An input resolved at submit time: what the run reads, and what the job record shows.
    struct ResolvedRunInput {
        var value: RunInputValue
        var record: RecordedInput
    }

    /// A command job's or trial's input: literals and data only (bindings belong to pipeline steps).
    func resolveInput(_ input: JobInput, field: String, base: URL, issues: inout [SchemaIssue]) -> ResolvedRunInput? {
        switch input.value {
        case .literal(let text):
            return ResolvedRunInput(value: .literal(text), record: .literal(text))
        case .binding(let text):
            issues.append(SchemaIssue(.invalidField, field: field, "\(text) can only be used in a pipeline step's inputs.", at: input.position))
            return nil
        case .data(let type, let path, let mode):
            if path.contains("${{") {
                issues.append(SchemaIssue(.invalidField, field: "\(field).path", "\(path) can only be used in a pipeline step's inputs.", at: input.position))
                return nil
            }
            return resolveData(type: type, path: path, mode: mode, field: field, base: base, position: input.position, issues: &issues)
        }
    }

    func resolveData(type: JobInputType, path: String, mode: JobDataMode?, field: String, base: URL, position: SourcePosition, issues: inout [SchemaIssue]) -> ResolvedRunInput? {
        do {
            let resolved = try resolver.resolveData(path, type: type, baseDirectory: base)
            return ResolvedRunInput(value: .data(type: type, source: resolved.url, mode: mode),
                                    record: .data(type: type, path: resolved.assetReference ?? path, mode: mode))
        } catch let error as JobsError {
            if case .missingPath = error {
                issues.append(SchemaIssue(.missingFile, field: "\(field).path", "No such file or directory: \(base.appendingPathComponent(path).standardizedFileURL.path)", at: position))
            } else {
                issues.append(SchemaIssue(.notFound, field: "\(field).path", error.message, at: position))
            }
        } catch {
            issues.append(SchemaIssue(.notFound, field: "\(field).path", "\(error)", at: position))
        }
        return nil
    }

    /// Every `${{...}}` in a command must name a declared input or output, the job name, or (in sweep
    /// trials) a search-space parameter.
    func checkCommandBindings(_ command: String, position: SourcePosition, field: String, inputs: Set<String>, outputs: Set<String>,
                              searchSpace: Set<String>?, issues: inout [SchemaIssue]) {
        for occurrence in BindingScanner.occurrences(in: command) {
            switch occurrence.target {
            case .input(let name) where !inputs.contains(name):
                issues.append(SchemaIssue(.invalidField, field: field, "\(occurrence.text) names no input of this job; declared inputs: \(Self.list(inputs)).", at: position))
            case .output(let name) where !outputs.contains(name):
                issues.append(SchemaIssue(.invalidField, field: field, "\(occurrence.text) names no output of this job; declared outputs: \(Self.list(outputs)).", at: position))
            case .input, .output, .jobName:
                continue
            case .searchSpace(let name):
                if let searchSpace {
                    if !searchSpace.contains(name) {
                        issues.append(SchemaIssue(.invalidField, field: field, "\(occurrence.text) names no parameter of search_space; parameters: \(Self.list(searchSpace)).", at: position))
                    }
                } else {
                    issues.append(SchemaIssue(.invalidField, field: field, "\(occurrence.text) is only valid in a sweep job's trial command.", at: position))
                }
            case .parentInput, .parentOutput, .stepOutput:
                issues.append(SchemaIssue(.invalidField, field: field, "\(occurrence.text) is only valid in a pipeline step's inputs or outputs; in a command use ${{inputs.<name>}}.", at: position))
            case .unsupported(let text):
                issues.append(SchemaIssue(.invalidField, field: field, "Unsupported expression ${{\(text)}}: use ${{inputs.<name>}}, ${{outputs.<name>}} or ${{name}}.", at: position))
            }
        }
    }

    func checkOutputs(_ outputs: [JobOutput], prefix: String, issues: inout [SchemaIssue]) {
        for output in outputs {
            if let binding = output.binding {
                issues.append(SchemaIssue(.invalidField, field: "\(prefix).\(output.name)", "\(binding) can only be used in a pipeline step's outputs.", at: output.position))
            }
            if let path = output.path {
                for occurrence in BindingScanner.occurrences(in: path) where occurrence.target != .jobName {
                    issues.append(SchemaIssue(.invalidField, field: "\(prefix).\(output.name).path", "Only ${{name}} may appear in an output path, found \(occurrence.text).", at: output.position))
                }
            }
        }
    }

    func runOutputs(_ outputs: [JobOutput], jobName: String) -> [RunOutput] {
        outputs.map { output in
            var fileName: String?
            if output.type == .uriFile, let path = output.path {
                let expanded = BindingScanner.substitute(path) { $0 == .jobName ? jobName : nil }
                fileName = expanded.split(separator: "/").last.map(String.init)
            }
            return RunOutput(name: output.name, type: output.type, fileName: fileName)
        }
    }

    static func list(_ names: Set<String>) -> String {
        names.isEmpty ? "(none)" : names.sorted().joined(separator: ", ")
    }
}
