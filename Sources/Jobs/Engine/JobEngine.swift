import Foundation
import Primitives

/// Runs Azure ML jobs for real: validates and resolves a submission (`prepare`), then runs it to a
/// terminal status (`run`), reporting every step through the sink. The Workspace calls it for
/// `az ml job create`; `cancel` and `recover` serve `az ml job cancel` and start-up.
public final class JobEngine: Sendable {
    /// Where and how jobs run.
    public let configuration: JobEngineConfiguration
    let resolver: any JobAssetResolver
    let sink: any JobEventSink

    public init(configuration: JobEngineConfiguration, resolver: any JobAssetResolver, sink: any JobEventSink) {
        self.configuration = configuration
        self.resolver = resolver
        self.sink = sink
    }

    /// Checks a submission at submit time: the job name, bindings (`${{inputs.x}}`, `${{parent...}}`,
    /// `${{search_space.p}}`), component files and references, data inputs, code and compute.
    /// Throws `JobSpecError` (az's template, naming each field and line) or another `UserFacingError`.
    public func prepare(_ submission: JobSubmission) throws -> PreparedJob {
        let spec = submission.job.spec
        let file = submission.job.file
        let name = submission.nameOverride ?? spec.metadata.name ?? JobNameGenerator.generate()
        var issues: [SchemaIssue] = []
        if !JobNameGenerator.isValid(name) {
            issues.append(SchemaIssue(.invalidField, field: "name", "Invalid job name '\(name)': use letters, digits, '_' and '-', starting with a letter or digit.",
                                      at: spec.metadata.position(of: "name", file: file)))
        }
        let sandbox = JobSandbox(jobsRoot: configuration.jobsRoot, name: name)
        if JobNameGenerator.isValid(name), FileManager.default.fileExists(atPath: sandbox.root.path) {
            issues.append(SchemaIssue(.invalidField, field: "name", "A job named '\(name)' already exists; job names are unique in a workspace.",
                                      at: spec.metadata.position(of: "name", file: file)))
        }
        let planner = JobPlanner(resolver: resolver, configuration: configuration, file: file, baseDirectory: submission.baseDirectory)
        let context = JobPlanner.Identity(
            name: name,
            displayName: spec.metadata.displayName ?? name,
            experimentName: spec.metadata.experimentName ?? submission.defaultExperimentName)
        let plan: JobPlan
        switch spec {
        case .command(let command):
            plan = .command(planner.planCommand(command, identity: context, issues: &issues))
        case .pipeline(let pipeline):
            plan = .pipeline(planner.planPipeline(pipeline, identity: context, issues: &issues))
        case .sweep(let sweep):
            plan = .sweep(planner.planSweep(sweep, identity: context, issues: &issues))
        }
        if !issues.isEmpty {
            var unique: [SchemaIssue] = []
            for issue in issues where !unique.contains(issue) { unique.append(issue) }
            throw JobSpecError.schema(entity: spec.entityName, file: file, issues: unique)
        }
        // Inputs as the record shows them: data inputs by the version they resolved to (`azureml:name@latest`
        // is recorded as `azureml:name:2`), so lineage says which data the job really read.
        let recorded = plan.recordInfo.inputs
        var inputs: [String: String] = [:]
        var references: [String] = []
        for (name, input) in recorded.sorted(by: { $0.key < $1.key }) {
            switch input {
            case .literal(let text): inputs[name] = text
            case .data(_, let path, _):
                inputs[name] = path
                if path.hasPrefix("azureml:") { references.append(path) }
            }
        }
        var stepOrder: [String] = []
        var codeFolder: URL?
        switch plan {
        case .pipeline(let pipelinePlan): stepOrder = pipelinePlan.steps.map(\.name)
        case .command(let run): codeFolder = run.codeFolder
        case .sweep(let sweepPlan): codeFolder = sweepPlan.trialTemplate.codeFolder
        }
        let codeHash = codeFolder.map(CodeHash.of)
        return PreparedJob(name: name, displayName: context.displayName, experimentName: context.experimentName,
                           type: spec.typeName, compute: spec.metadata.compute, spec: spec, warnings: submission.job.warnings,
                           sandbox: sandbox.root, inputs: inputs, assetReferences: references, stepOrder: stepOrder, codeHash: codeHash, plan: plan)
    }

    /// Runs a prepared job to its end on the calling thread and returns its result. Every status change,
    /// log chunk and child job goes through the sink as it happens. Cancel with `cancellation` (same
    /// process) or `JobEngine.requestCancel` (any process).
    @discardableResult
    public func run(_ job: PreparedJob, cancellation: JobCancellation = JobCancellation()) -> JobResult {
        let runner = CommandRunner(configuration: configuration, resolver: resolver, sink: sink)
        switch job.plan {
        case .command(let command):
            return runner.run(command, cancellation: cancellation)
        case .pipeline(let pipeline):
            return PipelineRunner(runner: runner, configuration: configuration).run(pipeline, cancellation: cancellation)
        case .sweep(let sweep):
            return SweepRunner(runner: runner).run(sweep, cancellation: cancellation)
        }
    }

    /// Asks the job named `name` to stop. The process running it notices within a poll interval.
    /// When that process is gone (it crashed or exited), the job's process group is stopped here and
    /// `true` is returned: the caller records the job as Canceled itself.
    @discardableResult
    public static func requestCancel(jobName name: String, jobsRoot: URL) throws -> Bool {
        let sandbox = JobSandbox(jobsRoot: jobsRoot, name: name)
        guard FileManager.default.fileExists(atPath: sandbox.root.path) else { throw JobsError.unknownJob(name) }
        JobSandbox.append("cancel requested at \(ISO8601DateFormatter().string(from: Date()))\n", to: sandbox.cancelMarker)
        guard let data = try? Data(contentsOf: sandbox.processFile),
              let info = try? JSONDecoder().decode(JobProcessInfo.self, from: data) else { return false }
        if info.runnerPid == ChildProcess.currentPid || ChildProcess.isAlive(info.runnerPid) { return false }
        ChildProcess.terminateGroup(info.pid)
        return true
    }
}
