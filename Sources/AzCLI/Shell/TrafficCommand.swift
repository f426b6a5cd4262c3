import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab traffic`: simulated production requests written to the collected-data layout, then the
/// clock advanced over the span so scheduled monitors run (see docs/monitoring.md).
public struct TrafficCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Send simulated production traffic to a deployment over simulated days (collected inputs, outputs and late labels).",
        discussion: """
        Rows of --data are sent in order (cycling) at --rate requests per simulated day, scored with --model as the \
        deployment would, and stored as its data collector does. The clock then moves forward by --days, firing \
        schedules and monitors on the way. Drift recipe: COLUMN:ACTION=VALUE@day=D with ACTION shift (standard \
        deviations), add, scale or set, e.g. --drift "income:shift=1.5@day=10".
        """
    )

    @Option(help: "Endpoint name (the collected-data folder).") var endpoint: String
    @Option(help: "Deployment name.") var deployment: String
    @Option(help: "Model the deployment serves: azureml:<name>:<version> or azureml:<name>@latest (an mlflow_model from ml train).") var model: String
    @Option(help: "CSV of request rows (with the label column, for ground truth).") var data: String
    @Option(help: "Requests per --per period.") var rate: Int = 1000
    @Option(help: "Period of --rate: day (only day is supported).") var per: String = "day"
    @Option(help: "Simulated days of traffic.") var days: Int = 30
    @Option(help: "Drift recipe COLUMN:ACTION=VALUE@day=D (repeatable).") var drift: [String] = []
    @Option(help: "Delay before ground-truth labels arrive, e.g. 3d (omit for no labels).") var labelDelay: String?
    @Option(name: .customLong("resource-group"), help: "Resource group (default: the configured default).") var group: String?
    @Option(name: .customLong("workspace-name"), help: "Workspace (default: the configured default).") var workspaceName: String?

    public init() {}

    public func run() throws {
        let context = CommandContext.active
        guard per == "day" else { throw WorkspaceError.invalidArgument("--per must be day (requests per simulated day), got '\(per)'") }
        let workspace = try Workspace(home: context.home.url)
        let target = try workspace.target(group: group, workspace: workspaceName)
        let url = URL(fileURLWithPath: (data as NSString).expandingTildeInPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let request = TrafficGenerator.Request(
            endpoint: endpoint, deployment: deployment, model: model, data: url.standardizedFileURL, perDay: rate, days: days,
            drift: try drift.map(DriftRecipe.init), labelDelay: try labelDelay.map(SimulatedClock.parseDuration))
        let started = Date()
        let summary = try TrafficGenerator(workspace: workspace, target: target).run(request)
        for firing in summary.firings {
            context.console.line("\(SimulatedClock.isoString(firing.time)) schedule \(firing.schedule): \(firing.job ?? "not started") \(firing.status)\(firing.error.map { " (\($0))" } ?? "")")
        }
        context.console.line("Sent \(summary.requests) requests to \(endpoint)/\(deployment) from \(SimulatedClock.isoString(summary.start)) to \(SimulatedClock.isoString(summary.end)); \(summary.labels) labels; \(summary.firings.count) scheduled runs; \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }
}
