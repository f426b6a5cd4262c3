import Foundation

/// Runs a pipeline's steps as child jobs: each step starts once the steps it reads from completed
/// (independent steps run at the same time, up to four), outputs pass to later steps, a failed step stops
/// its dependants (and, with `continue_on_step_failure: false`, every other step), and unchanged deterministic
/// steps are reused.
struct PipelineRunner {
    let runner: CommandRunner
    let configuration: JobEngineConfiguration

    var sink: any JobEventSink { runner.sink }

    func run(_ plan: PipelinePlan, cancellation: JobCancellation) -> JobResult {
        let name = plan.info.name
        let sandbox: JobSandbox
        let startedAt: Date
        switch ParentJobStart.begin(plan.info, sink: sink) {
        case .failure(let failure): return failure.result
        case .success(let started): (sandbox, startedAt) = started
        }
        let board = StepBoard()
        let stepCancellation = JobCancellation()
        let wakeUp = DispatchSemaphore(value: 0)
        var pending = plan.steps
        let parallel = 4

        while true {
            if cancellation.isCancelled || FileManager.default.fileExists(atPath: sandbox.cancelMarker.path) {
                board.markCanceled()
                stepCancellation.cancel(reason: cancellation.reason ?? "The pipeline was canceled.")
            }
            let snapshot = board.snapshot()
            var launch: [PlannedStep] = []
            var skip: [(PlannedStep, String)] = []
            for step in pending {
                if snapshot.canceled {
                    skip.append((step, "Not run: the pipeline was canceled before this step started."))
                } else if let blocker = step.dependencies.first(where: { snapshot.results[$0].map { $0.status != .completed } ?? false }) {
                    let state = snapshot.results[blocker]?.status.rawValue ?? "NotStarted"
                    skip.append((step, "Not run: step '\(blocker)', whose output this step reads, ended \(state)."))
                } else if let first = snapshot.failed.first, !plan.settings.continueOnStepFailure {
                    skip.append((step, "Not run: step '\(first)' failed and settings.continue_on_step_failure is false."))
                } else if step.dependencies.allSatisfy({ snapshot.results[$0]?.status == .completed }),
                          snapshot.running + launch.count < parallel {
                    launch.append(step)
                }
            }
            let handled = Set(launch.map(\.name) + skip.map(\.0.name))
            pending.removeAll { handled.contains($0.name) }
            for (step, reason) in skip {
                board.store(step.name, runner.recordNotRun(childInfo(plan, step), reason: reason))
            }
            for step in launch {
                let inputs = stepInputs(step, results: board.snapshot().results)
                let key = StepReuseStore.key(step: step, inputs: inputs)
                if step.component.isDeterministic, !step.forceRerun, let prior = StepReuseStore(jobsRoot: configuration.jobsRoot).lookup(key) {
                    log(sandbox, name, "Step \(step.name): reusing the results of job \(prior.job) (same component, code and inputs).")
                    board.store(step.name, reused(childInfo(plan, step), from: prior.job, outputs: prior.outputs))
                    continue
                }
                board.started()
                start(step, inputs: inputs, key: key, plan: plan, sandbox: sandbox, board: board, cancellation: stepCancellation, wakeUp: wakeUp)
            }
            let state = board.snapshot()
            if pending.isEmpty && state.running == 0 { break }
            if launch.isEmpty && skip.isEmpty {
                _ = wakeUp.wait(timeout: .now() + 0.05)
            }
        }
        let final = board.snapshot()
        let results = final.results
        let failed = plan.steps.map(\.name).filter { final.failed.contains($0) }
        let canceled = final.canceled
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
        do {
            try runner.resolver.registerOutputs(job: name, declared: plan.info.outputs, outputs: outputs)
        } catch {
            log(sandbox, name, "\(error)")
            return finish(plan, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), startedAt: startedAt, outputs: outputs)
        }
        return finish(plan, status: .completed, error: nil, startedAt: startedAt, outputs: outputs)
    }

    /// Runs one step on its own thread; a failure stops the running siblings unless
    /// `continue_on_step_failure` is true (the default).
    private func start(_ step: PlannedStep, inputs: [String: RunInputValue], key: String, plan: PipelinePlan, sandbox: JobSandbox,
                       board: StepBoard, cancellation: JobCancellation, wakeUp: DispatchSemaphore) {
        let child = childInfo(plan, step)
        log(sandbox, plan.info.name, "Submitting 1 runs, first five are: \(step.name):\(child.name)")
        let run = CommandRun(info: child, command: step.component.command, codeFolder: step.code, additionalIncludes: step.includes,
                             environment: step.component.environment, environmentVariables: step.environmentVariables,
                             inputs: inputs, outputs: step.outputs, timeoutSeconds: step.timeoutSeconds, searchValues: [:],
                             baseDirectory: step.baseDirectory, cancelMarkers: [sandbox.cancelMarker])
        let runner = self.runner
        let reuse = StepReuseStore(jobsRoot: configuration.jobsRoot)
        let continueOnFailure = plan.settings.continueOnStepFailure
        DispatchQueue.global().async {
            let result = runner.run(run, cancellation: cancellation)
            self.log(sandbox, plan.info.name, "Completing processing run id \(child.name) (\(result.status.rawValue)).")
            if result.status == .failed, let error = result.error {
                self.log(sandbox, plan.info.name, "Step \(step.name) failed: \(error.message)")
            }
            switch result.status {
            case .completed:
                if step.component.isDeterministic { reuse.save(key, job: child.name) }
            case .failed:
                board.fail(step.name)
                if !continueOnFailure {
                    cancellation.cancel(reason: "Canceled: step '\(step.name)' failed and settings.continue_on_step_failure is false.")
                }
            case .canceled where !cancellation.isCancelled:
                // Stopped on its own (its limits.timeout): the pipeline cannot complete without it.
                board.fail(step.name)
                if !continueOnFailure {
                    cancellation.cancel(reason: "Canceled: step '\(step.name)' was canceled and settings.continue_on_step_failure is false.")
                }
            default:
                break
            }
            board.store(step.name, result, finishedRunning: true)
            wakeUp.signal()
        }
    }

    /// The step's input values, with earlier steps' outputs as data inputs.
    private func stepInputs(_ step: PlannedStep, results: [String: JobResult]) -> [String: RunInputValue] {
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
        return inputs
    }

    private func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }

    private func childInfo(_ plan: PipelinePlan, _ step: PlannedStep) -> JobRecordInfo {
        let childName = "\(plan.info.name)_\(step.name)"
        return JobRecordInfo(name: childName, displayName: step.displayName, experimentName: plan.info.experimentName,
                             type: "command", parentName: plan.info.name, compute: step.compute,
                             sandbox: JobSandbox(jobsRoot: configuration.jobsRoot, name: childName).root,
                             inputs: step.recordedInputs, outputs: step.declaredOutputs, command: step.component.command,
                             environment: step.component.environment, codeHash: step.codeHash, component: step.componentReference,
                             instanceType: step.component.resources.instanceType, instanceCount: step.component.resources.instanceCount)
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

/// What the pipeline's steps have done so far, shared with the threads running them.
final class StepBoard: @unchecked Sendable {
    struct Snapshot {
        var results: [String: JobResult]
        var failed: [String]
        var running: Int
        var canceled: Bool
    }

    private let lock = NSLock()
    private var state = Snapshot(results: [:], failed: [], running: 0, canceled: false)

    func snapshot() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func started() {
        lock.lock()
        state.running += 1
        lock.unlock()
    }

    func store(_ step: String, _ result: JobResult, finishedRunning: Bool = false) {
        lock.lock()
        state.results[step] = result
        if finishedRunning { state.running -= 1 }
        lock.unlock()
    }

    func fail(_ step: String) {
        lock.lock()
        state.failed.append(step)
        lock.unlock()
    }

    func markCanceled() {
        lock.lock()
        state.canceled = true
        lock.unlock()
    }
}
