import Foundation

/// Runs a pipeline's steps in dependency order as child jobs, passing outputs to later steps,
/// stopping dependants of a failed step and reusing unchanged deterministic steps.
struct PipelineRunner {
    let runner: CommandRunner
    let configuration: JobEngineConfiguration

    var sink: any JobEventSink { runner.sink }

    func run(_ plan: PipelinePlan, cancellation: JobCancellation) -> JobResult {
        let name = plan.info.name
        let sandbox = JobSandbox(root: plan.info.sandbox)
        do {
            try sandbox.create()
        } catch {
            // The folder belongs to another job (a concurrent submission of the same name): touch nothing.
            return JobResult(name: name, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), endedAt: Date())
        }
        sandbox.writeProcessInfo(pid: 0)
        sink.record(.created(plan.info))
        status(name, .notStarted)
        status(name, .queued)
        let startedAt = Date()
        status(name, .running, at: startedAt)
        let reuse = StepReuseStore(jobsRoot: configuration.jobsRoot)
        var results: [String: JobResult] = [:]
        var failed: [String] = []
        var canceled = false

        for step in plan.steps {
            let child = childInfo(plan, step)
            if cancellation.isCancelled || FileManager.default.fileExists(atPath: sandbox.cancelMarker.path) { canceled = true }
            if canceled {
                results[step.name] = runner.recordNotRun(child, reason: "Not run: the pipeline was canceled before this step started.")
                continue
            }
            if let blocker = step.dependencies.first(where: { results[$0]?.status != .completed }) {
                let state = results[blocker]?.status.rawValue ?? "NotStarted"
                results[step.name] = runner.recordNotRun(child, reason: "Not run: step '\(blocker)', whose output this step reads, ended \(state).")
                continue
            }
            if !failed.isEmpty && !plan.settings.continueOnStepFailure {
                results[step.name] = runner.recordNotRun(child, reason: "Not run: step '\(failed[0])' failed and settings.continue_on_step_failure is false.")
                continue
            }
            var inputs: [String: RunInputValue] = [:]
            for (inputName, source) in step.inputs {
                switch source {
                case .value(let value):
                    inputs[inputName] = value
                case .stepOutput(let other, let output, let type):
                    if let url = results[other]?.outputs[output] {
                        inputs[inputName] = .data(type: isFolder(url) ? type : .uriFile, source: url, mode: nil)
                    }
                }
            }
            let key = StepReuseStore.key(step: step, inputs: inputs)
            if step.component.isDeterministic, !step.forceRerun, let prior = reuse.lookup(key) {
                log(sandbox, name, "Step \(step.name): reusing the results of job \(prior.job) (same component, code and inputs).")
                results[step.name] = reused(child, from: prior.job, outputs: prior.outputs)
                continue
            }
            log(sandbox, name, "Submitting 1 runs, first five are: \(step.name):\(child.name)")
            let markers = [sandbox.cancelMarker]
            let run = CommandRun(info: child, command: step.component.command, codeFolder: step.code, additionalIncludes: step.includes,
                                 environment: step.component.environment, environmentVariables: step.environmentVariables,
                                 inputs: inputs, outputs: step.outputs, timeoutSeconds: step.timeoutSeconds, searchValues: [:],
                                 baseDirectory: step.baseDirectory, cancelMarkers: markers)
            let result = runner.run(run, cancellation: cancellation)
            results[step.name] = result
            log(sandbox, name, "Completing processing run id \(child.name) (\(result.status.rawValue)).")
            switch result.status {
            case .completed:
                if step.component.isDeterministic { reuse.save(key, job: child.name) }
            case .canceled:
                canceled = true
            default:
                failed.append(step.name)
            }
        }
        var outputs: [String: URL] = [:]
        for step in plan.steps {
            for (stepOutput, pipelineOutput) in step.pipelineOutputs {
                if let url = results[step.name]?.outputs[stepOutput] { outputs[pipelineOutput] = url }
            }
        }
        if canceled && failed.isEmpty {
            log(sandbox, name, "Pipeline canceled.")
            return finish(plan, status: .canceled, error: JobErrorInfo(code: "UserError", message: "The pipeline was canceled."), startedAt: startedAt, outputs: outputs)
        }
        if !failed.isEmpty {
            log(sandbox, name, "Execution failed: step(s) \(failed.joined(separator: ", ")) failed.")
            let message = "Pipeline has some failed steps. Failed nodes: \(failed.map { "/\($0)" }.joined(separator: ", ")). See the child job's user_logs/std_log.txt (az ml job list --parent-job-name \(name))."
            return finish(plan, status: .failed, error: JobErrorInfo(code: "UserError", message: message), startedAt: startedAt, outputs: outputs)
        }
        log(sandbox, name, "Finishing experiment: no runs left and nothing to schedule.")
        status(name, .finalizing)
        return finish(plan, status: .completed, error: nil, startedAt: startedAt, outputs: outputs)
    }

    private func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }

    private func childInfo(_ plan: PipelinePlan, _ step: PlannedStep) -> JobRecordInfo {
        let childName = "\(plan.info.name)_\(step.name)"
        return JobRecordInfo(name: childName, displayName: step.displayName, experimentName: plan.info.experimentName,
                             type: "command", parentName: plan.info.name, compute: step.compute,
                             sandbox: JobSandbox(jobsRoot: configuration.jobsRoot, name: childName).root)
    }

    /// A step whose earlier identical run is reused.
    private func reused(_ child: JobRecordInfo, from prior: String, outputs: [String: URL]) -> JobResult {
        let sandbox = JobSandbox(root: child.sandbox)
        guard (try? sandbox.create()) != nil else {
            return JobResult(name: child.name, status: .failed, error: JobErrorInfo(code: "UserError", message: "a job named \(child.name) already exists"), endedAt: Date())
        }
        JobSandbox.append("Reused the results of job \(prior): the component, its code and its inputs are unchanged (is_deterministic: true).\n", to: sandbox.stdLog)
        sink.record(.created(child))
        status(child.name, .notStarted)
        return runner.recordEnd(child, status: .completed, error: nil, outputs: outputs, reusedFrom: prior)
    }

    private func finish(_ plan: PipelinePlan, status: JobStatus, error: JobErrorInfo?, startedAt: Date?, outputs: [String: URL]) -> JobResult {
        let sandbox = JobSandbox(root: plan.info.sandbox)
        let stored = StoredJobResult(status: status.rawValue, outputs: outputs.mapValues(\.path), errorMessage: error?.message)
        if let data = try? JSONEncoder().encode(stored) { try? data.write(to: sandbox.resultFile) }
        let endedAt = Date()
        self.status(plan.info.name, status, at: endedAt)
        let result = JobResult(name: plan.info.name, status: status, error: error, startedAt: startedAt, endedAt: endedAt, outputs: outputs)
        sink.record(.finished(result))
        return result
    }

    private func status(_ name: String, _ status: JobStatus, at date: Date = Date()) {
        sink.record(.status(job: name, status: status, at: date))
    }

    private func log(_ sandbox: JobSandbox, _ name: String, _ text: String) {
        let line = "[\(ISO8601DateFormatter().string(from: Date()))] \(text)\n"
        JobSandbox.append(line, to: sandbox.pipelineLog)
        sink.record(.log(job: name, text: line))
    }
}
