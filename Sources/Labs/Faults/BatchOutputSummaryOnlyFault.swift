import Foundation

/// A batch deployment's output_action becomes summary_only: jobs still complete and count the rows they
/// scored, but no predictions file is written, so whoever reads the job's output finds nothing.
struct BatchOutputSummaryOnlyFault: FaultKind {
    let name = "batch-output-summary-only"
    let summary = "A batch deployment YAML's settings.output_action is set to summary_only (and the deployment updated): scoring jobs still complete, but they write no predictions file, so downstream consumers get no predictions."
    let parameters = [
        FaultParameter("file", "the batch deployment YAML; it must hold settings.output_action on a line of its own"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        try sandbox.setYAMLScalar(in: try arguments.string("file"), path: "settings.output_action", to: "summary_only")
        try FollowUpCommands.run(arguments, in: sandbox)
    }
}
