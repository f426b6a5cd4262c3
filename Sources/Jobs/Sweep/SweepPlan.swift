import Foundation

/// A sweep ready to run: the trial template and the sampled assignments.
struct SweepPlan: Sendable {
    var info: JobRecordInfo
    /// The trial as a command run without its name, sandbox or search values (filled per trial).
    var trialTemplate: CommandRun
    var assignments: [[String: String]]
    var objective: SweepObjective
    var limits: SweepLimits
    var notes: [String]
    var earlyTermination: EarlyTerminationPolicy?
}

extension JobPlanner {
    func planSweep(_ spec: SweepJobSpec, identity: Identity, issues: inout [SchemaIssue]) -> SweepPlan {
        let metadata = spec.metadata
        checkCompute(metadata.compute, position: metadata.position(of: "compute", file: file), field: "compute", issues: &issues)
        checkEnvironment(spec.trial.environment, base: baseDirectory, field: "trial.environment", position: metadata.position(of: "trial", file: file), issues: &issues)
        let code = resolveCode(spec.trial.code, base: baseDirectory, field: "trial.code", position: metadata.position(of: "trial", file: file), issues: &issues)
        checkResources(spec.trial.resources, compute: metadata.compute, position: metadata.position(of: "trial", file: file), field: "trial.resources", issues: &issues)
        var inputs: [String: RunInputValue] = [:]
        var recorded: [String: RecordedInput] = [:]
        for input in spec.inputs {
            if let resolved = resolveInput(input, field: "inputs.\(input.name)", base: baseDirectory, issues: &issues) {
                inputs[input.name] = resolved.value
                recorded[input.name] = resolved.record
            }
        }
        checkCommandBindings(spec.trial.command, position: spec.trial.commandPosition, field: "trial.command",
                             inputs: Set(spec.inputs.map(\.name)), outputs: Set(spec.outputs.map(\.name)),
                             searchSpace: Set(spec.searchSpace.map(\.name)), issues: &issues)
        checkOutputs(spec.outputs, prefix: "outputs", issues: &issues)
        let info = JobRecordInfo(name: identity.name, displayName: identity.displayName, experimentName: identity.experimentName,
                                 type: "sweep", parentName: nil, compute: metadata.compute, sandbox: sandbox(identity.name),
                                 inputs: recorded, outputs: spec.outputs, command: spec.trial.command, environment: spec.trial.environment,
                                 codeHash: code.map(CodeHash.of), instanceType: spec.trial.resources.instanceType,
                                 instanceCount: spec.trial.resources.instanceCount)
        var template = CommandRun(info: info, command: spec.trial.command, codeFolder: code, additionalIncludes: [],
                                  environment: spec.trial.environment, environmentVariables: spec.trial.environmentVariables,
                                  inputs: inputs, outputs: runOutputs(spec.outputs, jobName: identity.name),
                                  timeoutSeconds: spec.limits.trialTimeoutSeconds, searchValues: [:], baseDirectory: baseDirectory)
        template.identityType = metadata.identityType
        template.dataPaths = Self.dataPaths(spec.inputs)
        var notes: [String] = []
        switch spec.samplingAlgorithm {
        case .bayesian:
            notes.append("Bayesian sampling is approximated by random sampling with seed \(SweepSampler.defaultSeed) (not simulated yet: Bayesian optimisation).")
        case .random(let seed):
            notes.append("Random sampling with seed \(seed ?? SweepSampler.defaultSeed).")
        case .grid:
            notes.append("Grid sampling over every combination of the choice values.")
        }
        if let policy = spec.earlyTermination {
            notes.append("Early termination: \(policy.kind.rawValue), evaluated every \(policy.evaluationInterval) logged value(s) of \(spec.objective.primaryMetric) after the first \(policy.delayEvaluation).")
        }
        let assignments = SweepSampler.sample(spec.searchSpace, algorithm: spec.samplingAlgorithm, count: spec.limits.maxTotalTrials)
        return SweepPlan(info: info, trialTemplate: template, assignments: assignments, objective: spec.objective, limits: spec.limits, notes: notes, earlyTermination: spec.earlyTermination)
    }
}
