import Foundation

extension JobPlanner {
    func planPipeline(_ spec: PipelineJobSpec, identity: Identity, issues: inout [SchemaIssue]) -> PipelinePlan {
        let metadata = spec.metadata
        var pipelineInputs: [String: RunInputValue] = [:]
        var pipelineRecords: [String: RecordedInput] = [:]
        for input in spec.inputs {
            if let resolved = resolveInput(input, field: "inputs.\(input.name)", base: baseDirectory, issues: &issues) {
                pipelineInputs[input.name] = resolved.value
                pipelineRecords[input.name] = resolved.record
            }
        }
        checkOutputs(spec.outputs, prefix: "outputs", issues: &issues)
        let pipelineOutputNames = Set(spec.outputs.map(\.name))

        var components: [String: (spec: CommandComponentSpec, reference: String?, base: URL)] = [:]
        for step in spec.steps {
            if let loaded = loadComponent(step, issues: &issues) { components[step.name] = loaded }
        }

        var planned: [PlannedStep] = []
        for step in spec.steps {
            guard let loaded = components[step.name] else { continue }
            let component = loaded.spec
            let field = "jobs.\(step.name)"
            let compute = step.compute ?? spec.settings.defaultCompute ?? metadata.compute
            let computeSource: (field: String, position: SourcePosition)
            if step.compute != nil {
                computeSource = ("\(field).compute", step.keyPositions["compute"] ?? step.position)
            } else if spec.settings.defaultCompute != nil {
                computeSource = ("settings.default_compute", metadata.position(of: "settings", file: file))
            } else {
                computeSource = ("compute", metadata.position(of: "compute", file: file))
            }
            checkCompute(compute, position: computeSource.position, field: computeSource.field, issues: &issues)
            checkEnvironment(component.environment, base: loaded.base, field: "\(field).environment", position: component.commandPosition, issues: &issues)
            checkResources(component.resources, compute: compute, position: step.keyPositions["resources"] ?? step.position, field: "\(field).resources", issues: &issues)
            var inputs: [String: StepInputSource] = [:]
            var recorded: [String: RecordedInput] = [:]
            var dependencies: [String] = []
            for input in step.inputs {
                let inputField = "\(field).inputs.\(input.name)"
                guard let declared = component.input(named: input.name) else {
                    issues.append(SchemaIssue(.invalidField, field: inputField, "The component has no input named '\(input.name)'; its inputs: \(Self.list(Set(component.inputs.map(\.name)))).", at: input.position))
                    continue
                }
                let expression: String?
                switch input.value {
                case .binding(let text): expression = text
                case .data(_, let path, _) where path.contains("${{"): expression = path
                default: expression = nil
                }
                if let expression {
                    guard let target = BindingScanner.wholeTarget(expression) else {
                        issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression) must be a single ${{...}} expression.", at: input.position))
                        continue
                    }
                    switch target {
                    case .parentInput(let name):
                        if let value = pipelineInputs[name] {
                            inputs[input.name] = .value(value)
                            recorded[input.name] = pipelineRecords[name]
                        } else if !spec.inputs.contains(where: { $0.name == name }) {
                            issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression): the pipeline has no input '\(name)'; its inputs: \(Self.list(Set(spec.inputs.map(\.name)))).", at: input.position))
                        }
                    case .stepOutput(let other, let output):
                        guard let source = spec.step(named: other) else {
                            issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression): the pipeline has no step '\(other)'; its steps: \(Self.list(Set(spec.steps.map(\.name)))).", at: input.position))
                            continue
                        }
                        if other == step.name {
                            issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression): a step cannot read its own output.", at: input.position))
                            continue
                        }
                        if let otherComponent = components[other]?.spec, output != "artifacts", output != "default",
                           otherComponent.output(named: output) == nil, !source.outputs.contains(where: { $0.name == output }) {
                            issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression): step '\(other)' has no output '\(output)'; its outputs: \(Self.list(Set(otherComponent.outputs.map(\.name)).union(["artifacts"]))).", at: input.position))
                            continue
                        }
                        let type = declared.type.isData ? declared.type : .uriFolder
                        inputs[input.name] = .stepOutput(step: other, output: output, type: type)
                        recorded[input.name] = .data(type: type, path: "azureml://jobs/\(identity.name)_\(other)/outputs/\(output)", mode: nil)
                        if !dependencies.contains(other) { dependencies.append(other) }
                    default:
                        issues.append(SchemaIssue(.invalidField, field: inputField, "\(expression) is not valid in a step input; use ${{parent.inputs.<name>}} or ${{parent.jobs.<step>.outputs.<name>}}.", at: input.position))
                    }
                    continue
                }
                if let resolved = resolveInput(input, field: inputField, base: baseDirectory, issues: &issues) {
                    inputs[input.name] = .value(resolved.value)
                    recorded[input.name] = resolved.record
                }
            }
            let optionalInBlocks = BindingScanner.inputsInOptionalBlocks(component.command)
            for declared in component.inputs where inputs[declared.name] == nil {
                if let defaultValue = declared.defaultValue {
                    inputs[declared.name] = .value(.literal(defaultValue))
                    recorded[declared.name] = .literal(defaultValue)
                } else if !declared.optional && !optionalInBlocks.contains(declared.name)
                            && !step.inputs.contains(where: { $0.name == declared.name }) {
                    issues.append(SchemaIssue(.missingField, field: "\(field).inputs.\(declared.name)", "The component's required input '\(declared.name)' is not given.", at: step.position))
                }
            }
            let outsideBlocks = BindingScanner.resolveOptionalBlocks(component.command) { _ in false }
            for occurrence in BindingScanner.occurrences(in: outsideBlocks) {
                if case .input(let name) = occurrence.target, inputs[name] == nil, component.input(named: name)?.optional == true {
                    issues.append(SchemaIssue(.missingField, field: "\(field).inputs.\(name)",
                                              "Optional input '\(name)' is not given, but the command uses \(occurrence.text) outside a $[[...]] block; give it a value or wrap that part of the command in $[[...]].",
                                              at: step.position))
                }
            }
            for input in step.inputs {
                guard let declared = component.input(named: input.name), case .value(.literal(let text))? = inputs[input.name],
                      let problem = LiteralInputCheck.problem(text, for: declared) else { continue }
                issues.append(SchemaIssue(.invalidField, field: "\(field).inputs.\(input.name)", problem, at: input.position))
            }
            var pipelineOutputs: [String: String] = [:]
            var outputs: [RunOutput] = component.outputs.map { RunOutput(name: $0.name, type: $0.type, fileName: nil) }
            var declaredOutputs: [JobOutput] = component.outputs.map { JobOutput(name: $0.name, type: $0.type, position: $0.position) }
            for output in step.outputs {
                let outputField = "\(field).outputs.\(output.name)"
                if output.name == "artifacts" || output.name == "default" { continue }
                if component.output(named: output.name) == nil {
                    issues.append(SchemaIssue(.invalidField, field: outputField, "The component has no output named '\(output.name)'; its outputs: \(Self.list(Set(component.outputs.map(\.name)))).", at: output.position))
                    continue
                }
                if output.binding == nil, let index = declaredOutputs.firstIndex(where: { $0.name == output.name }) {
                    // A step may name its output to register it (`{type: mlflow_model, name: m}`) and give its mode.
                    declaredOutputs[index].assetName = output.assetName
                    declaredOutputs[index].assetVersion = output.assetVersion
                    declaredOutputs[index].mode = output.mode
                    if output.type != .uriFolder { declaredOutputs[index].type = output.type }
                }
                if let binding = output.binding {
                    guard case .parentOutput(let name)? = BindingScanner.wholeTarget(binding) else {
                        issues.append(SchemaIssue(.invalidField, field: outputField, "\(binding) is not valid in a step output; use ${{parent.outputs.<name>}}.", at: output.position))
                        continue
                    }
                    guard pipelineOutputNames.contains(name) else {
                        issues.append(SchemaIssue(.invalidField, field: outputField, "\(binding): the pipeline has no output '\(name)'; its outputs: \(Self.list(pipelineOutputNames)).", at: output.position))
                        continue
                    }
                    pipelineOutputs[output.name] = name
                    if let pipelineOutput = spec.outputs.first(where: { $0.name == name }), pipelineOutput.type == .uriFile,
                       let index = outputs.firstIndex(where: { $0.name == output.name }) {
                        outputs[index].type = .uriFile
                        outputs[index].fileName = runOutputs([pipelineOutput], jobName: identity.name).first?.fileName
                    }
                }
            }
            checkCommandBindings(component.command, position: component.commandPosition, field: "\(field).command",
                                 inputs: Set(component.inputs.map(\.name)), outputs: Set(component.outputs.map(\.name)),
                                 searchSpace: nil, issues: &issues)
            let code = resolveCode(component.code, base: loaded.base, field: "\(field).code", position: component.commandPosition, issues: &issues)
            let includes = component.additionalIncludes.compactMap {
                resolveCode($0, base: loaded.base, field: "\(field).additional_includes", position: component.commandPosition, issues: &issues)
            }
            var environmentVariables = component.environmentVariables
            for (key, value) in step.environmentVariables { environmentVariables[key] = value }
            planned.append(PlannedStep(
                name: step.name, displayName: step.displayName ?? component.displayName ?? step.name,
                component: component, componentReference: loaded.reference, code: code, includes: includes,
                inputs: inputs, outputs: outputs, pipelineOutputs: pipelineOutputs, compute: compute,
                environmentVariables: environmentVariables, timeoutSeconds: step.timeoutSeconds,
                forceRerun: step.forceRerun ?? spec.settings.forceRerun, dependencies: dependencies, baseDirectory: loaded.base,
                recordedInputs: recorded, declaredOutputs: declaredOutputs, codeHash: code.map(CodeHash.of)))
        }
        let ordered: [PlannedStep]
        switch StepOrdering.order(planned.map { ($0.name, $0.dependencies) }) {
        case .success(let order):
            ordered = order.compactMap { name in planned.first { $0.name == name } }
        case .failure(let error):
            if case .cycle(let names) = error {
                let position = spec.step(named: names.first ?? "")?.position ?? metadata.position(of: "jobs", file: file)
                issues.append(SchemaIssue(.invalidField, field: "jobs", error.message, at: position))
            }
            ordered = planned
        }
        let info = JobRecordInfo(name: identity.name, displayName: identity.displayName, experimentName: identity.experimentName,
                                 type: "pipeline", parentName: nil, compute: spec.settings.defaultCompute ?? metadata.compute,
                                 sandbox: sandbox(identity.name), inputs: pipelineRecords, outputs: spec.outputs)
        return PipelinePlan(info: info, settings: spec.settings, steps: ordered)
    }

    /// The step's component: inline, from a file next to the pipeline, or registered.
    func loadComponent(_ step: PipelineStep, issues: inout [SchemaIssue]) -> (spec: CommandComponentSpec, reference: String?, base: URL)? {
        let field = "jobs.\(step.name).component"
        switch step.component {
        case .inline(let spec):
            return (spec, nil, baseDirectory)
        case .file(let path):
            let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)).standardizedFileURL
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                issues.append(SchemaIssue(.missingFile, field: field, "No such file or directory: \(url.path)", at: step.componentPosition))
                return nil
            }
            do {
                let parsed = try JobSpecParser.parseComponent(yaml: text, file: path, baseDirectory: url.deletingLastPathComponent())
                guard case .command(let spec) = parsed.kind else {
                    issues.append(SchemaIssue(.notSimulated, field: field, "not simulated yet: pipeline components as steps (\(path))", at: step.componentPosition))
                    return nil
                }
                return (spec, nil, url.deletingLastPathComponent())
            } catch let error as JobSpecError {
                issues.append(contentsOf: error.issues)
                return nil
            } catch {
                issues.append(SchemaIssue(.unparsable, field: field, "\(error)", at: step.componentPosition))
                return nil
            }
        case .registered(let reference):
            do {
                let resolved = try resolver.resolveComponent(reference)
                return (resolved.spec, resolved.reference ?? reference, resolved.spec.baseDirectory ?? baseDirectory)
            } catch {
                issues.append(SchemaIssue(.notFound, field: field, "\(error)", at: step.componentPosition))
                return nil
            }
        }
    }
}

/// Orders pipeline steps so each runs after the steps it reads from.
enum StepOrdering {
    /// Kahn's algorithm; ties keep the file's order. A cycle is reported with the steps in it.
    static func order(_ steps: [(name: String, dependencies: [String])]) -> Result<[String], JobsError> {
        var remaining = steps
        var done: [String] = []
        while !remaining.isEmpty {
            guard let index = remaining.firstIndex(where: { step in step.dependencies.allSatisfy { done.contains($0) || !steps.map(\.name).contains($0) } }) else {
                return .failure(.cycle(cyclePath(remaining)))
            }
            done.append(remaining[index].name)
            remaining.remove(at: index)
        }
        return .success(done)
    }

    /// One cycle among the steps left over, as `a -> b -> a`.
    static func cyclePath(_ steps: [(name: String, dependencies: [String])]) -> [String] {
        guard let start = steps.first?.name else { return [] }
        let names = Set(steps.map(\.name))
        var path = [start]
        var current = start
        while let next = steps.first(where: { $0.name == current })?.dependencies.first(where: { names.contains($0) }) {
            if let repeatAt = path.firstIndex(of: next) {
                return Array(path[repeatAt...]) + [next]
            }
            path.append(next)
            current = next
        }
        return path
    }
}
