import Foundation

/// Runs a sweep: real trials (up to `max_concurrent_trials` at once), then picks the best trial by the
/// primary metric each trial logged in its run folder.
struct SweepRunner {
    let runner: CommandRunner

    var sink: any JobEventSink { runner.sink }

    func run(_ plan: SweepPlan, cancellation: JobCancellation) -> JobResult {
        let name = plan.info.name
        let sandbox: JobSandbox
        let startedAt: Date
        switch ParentJobStart.begin(plan.info, sink: sink) {
        case .failure(let failure): return failure.result
        case .success(let started): (sandbox, startedAt) = started
        }
        for note in plan.notes { log(sandbox, name, note) }
        log(sandbox, name, "Sampling \(plan.assignments.count) trials, at most \(plan.limits.maxConcurrentTrials) at a time; objective: \(plan.objective.goal.rawValue) \(plan.objective.primaryMetric).")

        let results = runTrials(plan, sandbox: sandbox, startedAt: startedAt, cancellation: cancellation)
        let sweepCanceled = cancellation.isCancelled || FileManager.default.fileExists(atPath: sandbox.cancelMarker.path)
        let metric = plan.objective.primaryMetric
        var scored: [(trial: String, value: Double)] = []
        var missing: [(trial: String, logged: [String])] = []
        for result in results where result.status == .completed {
            if let value = result.run.latestValue(of: metric) {
                scored.append((result.name, value))
                log(sandbox, name, "Trial \(result.name) completed: \(metric) = \(value).")
            } else {
                missing.append((result.name, result.run.metrics.keys.sorted()))
                log(sandbox, name, "Trial \(result.name) completed without logging \(metric).")
            }
        }
        for result in results where result.status != .completed {
            log(sandbox, name, "Trial \(result.name) ended \(result.status.rawValue)\(result.error.map { ": \($0.message)" } ?? "").")
        }
        let best = scored.min { lhs, rhs in
            plan.objective.goal == .minimize ? lhs.value < rhs.value : lhs.value > rhs.value
        }
        if sweepCanceled {
            let message = "The sweep was canceled" + (best == nil ? "." : "; the best of the trials that completed is reported.")
            return finish(plan, .canceled, JobErrorInfo(code: "UserError", message: message), startedAt, best: best)
        }
        guard let best else {
            if let first = missing.first {
                let logged = first.logged.isEmpty ? "none" : first.logged.joined(separator: ", ")
                let message = "The primary metric '\(metric)' was never logged: trial \(first.trial) completed but logged only these metrics: \(logged). Log '\(metric)' in the training script (MLflow's log_metric, or an `mlopslab ml` command that reports it) or set objective.primary_metric to a metric the script logs."
                log(sandbox, name, message)
                return finish(plan, .failed, JobErrorInfo(code: "UserError", message: message), startedAt, best: nil)
            }
            let firstFailure = results.first { $0.status == .failed }
            let message = "All \(results.count) trials failed or were canceled; none reported '\(metric)'." + (firstFailure.map { " First failure, trial \($0.name): \($0.error?.message ?? "")" } ?? "")
            log(sandbox, name, message)
            return finish(plan, .failed, JobErrorInfo(code: "UserError", message: message), startedAt, best: nil)
        }
        log(sandbox, name, "Best trial: \(best.trial) with \(metric) = \(best.value) (\(plan.objective.goal.rawValue)).")
        status(name, .finalizing)
        return finish(plan, .completed, nil, startedAt, best: best)
    }

    private func runTrials(_ plan: SweepPlan, sandbox: JobSandbox, startedAt: Date, cancellation: JobCancellation) -> [JobResult] {
        let count = plan.assignments.count
        let collector = TrialCollector(count: count)
        let monitor = plan.earlyTermination.map { EarlyTerminationMonitor(policy: $0, goal: plan.objective.goal, metric: plan.objective.primaryMetric) }
        let workers = max(1, min(plan.limits.maxConcurrentTrials, count, 8))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                while let index = collector.nextIndex() {
                    collector.store(index, runTrial(index, plan: plan, sandbox: sandbox, startedAt: startedAt, cancellation: cancellation, monitor: monitor))
                }
            }
        }
        group.wait()
        return collector.results
    }

    private func runTrial(_ index: Int, plan: SweepPlan, sandbox: JobSandbox, startedAt: Date, cancellation: JobCancellation,
                          monitor: EarlyTerminationMonitor?) -> JobResult {
        var trial = plan.trialTemplate
        let trialName = "\(plan.info.name)_\(index)"
        let assignment = plan.assignments[index]
        trial.info = JobRecordInfo(name: trialName, displayName: trialName, experimentName: plan.info.experimentName, type: "command",
                                   parentName: plan.info.name, compute: plan.info.compute,
                                   sandbox: sandbox.root.deletingLastPathComponent().appendingPathComponent(trialName, isDirectory: true),
                                   parameters: assignment, inputs: plan.info.inputs,
                                   outputs: plan.info.outputs.map { output in
                                       var trialOutput = output
                                       trialOutput.assetName = nil
                                       trialOutput.assetVersion = nil
                                       return trialOutput
                                   },
                                   command: plan.info.command, environment: plan.info.environment, codeHash: plan.info.codeHash,
                                   instanceType: plan.info.instanceType, instanceCount: plan.info.instanceCount)
        trial.searchValues = assignment
        trial.cancelMarkers = [sandbox.cancelMarker]
        if let monitor {
            trial.progressMetric = plan.objective.primaryMetric
            trial.progressCheck = { values in monitor.observe(trial: trialName, values: values) }
        }
        if let total = plan.limits.timeoutSeconds {
            let remaining = Double(total) - Date().timeIntervalSince(startedAt)
            if remaining <= 0 {
                return runner.recordNotRun(trial.info, reason: "Not run: the sweep reached its limits.timeout of \(total) seconds before this trial started.")
            } else {
                let limit = Int(remaining.rounded(.up))
                trial.timeoutSeconds = min(trial.timeoutSeconds ?? limit, limit)
            }
        }
        let parameters = assignment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        log(sandbox, plan.info.name, "Starting trial \(trialName): \(parameters)")
        let result = runner.run(trial, cancellation: cancellation)
        monitor?.finished(trial: trialName, values: result.run.metrics[plan.objective.primaryMetric]?.map(\.value) ?? [])
        return result
    }

    private func finish(_ plan: SweepPlan, _ status: JobStatus, _ error: JobErrorInfo?, _ startedAt: Date?, best: (trial: String, value: Double)?) -> JobResult {
        let sandbox = JobSandbox(root: plan.info.sandbox)
        var record = RunRecord()
        if let best {
            record.tags["best_child_run_id"] = best.trial
            record.tags["primary_metric"] = plan.objective.primaryMetric
            record.metrics[plan.objective.primaryMetric] = [MetricPoint(timestampMilliseconds: Int64(Date().timeIntervalSince1970 * 1000), value: best.value, step: 0)]
        }
        let stored = StoredJobResult(status: status.rawValue, outputs: [:], errorMessage: error?.message)
        if let data = try? JSONEncoder().encode(stored) { try? data.write(to: sandbox.resultFile) }
        let endedAt = Date()
        self.status(plan.info.name, status, at: endedAt)
        let result = JobResult(name: plan.info.name, status: status, error: error, startedAt: startedAt, endedAt: endedAt,
                               run: record, bestTrial: best?.trial, bestMetricValue: best?.value)
        sink.record(.finished(result))
        return result
    }

    private func status(_ name: String, _ status: JobStatus, at date: Date = Date()) {
        sink.record(.status(job: name, status: status, at: date))
    }

    private func log(_ sandbox: JobSandbox, _ name: String, _ text: String) {
        let line = "[\(ISO8601DateFormatter().string(from: Date()))] \(text)\n"
        JobSandbox.append(line, to: sandbox.sweepLog)
        sink.record(.log(job: name, text: line))
    }
}

/// Hands out trial indexes to worker threads and keeps results in trial order.
final class TrialCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var stored: [JobResult?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < stored.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ index: Int, _ result: JobResult) {
        lock.lock()
        if stored.indices.contains(index) { stored[index] = result }
        lock.unlock()
    }

    var results: [JobResult] {
        lock.lock()
        defer { lock.unlock() }
        return stored.compactMap { $0 }
    }
}
