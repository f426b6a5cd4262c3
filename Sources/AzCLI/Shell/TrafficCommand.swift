import ArgumentParser
import CLICore
import Foundation
import Serving
import Workspace

/// `mlopslab traffic`: simulated production requests sent over real HTTP to an online endpoint, day by
/// simulated day, with late ground-truth labels; the clock moves with the traffic so scheduled monitors
/// run on it (see docs/monitoring.md).
public struct TrafficCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Send simulated production traffic to an online endpoint over simulated days (real HTTP; collected inputs, outputs and late labels).",
        discussion: """
        Rows of --data are POSTed one per request, in order (cycling), to the endpoint's scoring URI with its key, at \
        --rate requests per simulated day, evenly spaced from the current simulated time. The endpoint's traffic \
        weights pick the deployment (or --deployment, through the azureml-model-deployment header); its data \
        collector records what was served, stamped with each request's simulated time. After each simulated day \
        the clock moves to the day's end, firing schedules and monitors on the way. Ground-truth labels (the \
        model's label column, or --label-column) arrive --label-delay after each request. Drift recipe: \
        COLUMN:ACTION=VALUE@day=D with ACTION shift (standard deviations), add, scale or set, e.g. \
        --drift "income:shift=1.5@day=10".
        """
    )

    @Option(help: "Endpoint name.") var endpoint: String
    @Option(help: "Send every request to this deployment (azureml-model-deployment header) instead of routing by traffic weight.") var deployment: String?
    @Option(help: "CSV of request rows (with the label column, for ground truth).") var data: String
    @Option(help: "Requests per --per period.") var rate: Int = 1000
    @Option(help: "Period of --rate: day (only day is supported).") var per: String = "day"
    @Option(help: "Simulated days of traffic.") var days: Int = 30
    @Option(help: "Drift recipe COLUMN:ACTION=VALUE@day=D (repeatable).") var drift: [String] = []
    @Option(help: "Delay before ground-truth labels arrive, e.g. 3d (omit for no labels).") var labelDelay: String?
    @Option(help: "Ground-truth column of --data (default: the label column the served model was trained on).") var labelColumn: String?
    @Option(help: "Keep-alive connections (default: what the deployments take in flight, 2 x max_concurrent_requests_per_instance x instance_count, at most 4).") var connections: Int?
    @Option(name: .customLong("resource-group"), help: "Resource group (default: the configured default).") var group: String?
    @Option(name: .customLong("workspace-name"), help: "Workspace (default: the configured default).") var workspaceName: String?

    public init() {}

    public func run() throws {
        let context = CommandContext.active
        guard per == "day" else { throw WorkspaceError.invalidArgument("--per must be day (requests per simulated day), got '\(per)'") }
        if let connections, !(1...16).contains(connections) { throw WorkspaceError.invalidArgument("--connections must be between 1 and 16") }
        let workspace = try Workspace(home: context.home.url)
        let target = try workspace.target(group: group, workspace: workspaceName)
        let url = URL(fileURLWithPath: (data as NSString).expandingTildeInPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let request = TrafficGenerator.Request(
            endpoint: endpoint, deployment: deployment, data: url.standardizedFileURL, perDay: rate, days: days,
            drift: try drift.map(DriftRecipe.init), labelDelay: try labelDelay.map(SimulatedClock.parseDuration),
            labelColumn: labelColumn, connections: connections)
        let started = Date()
        try HostLauncher.ensureRunning(home: workspace.home)
        let summary = try TrafficGenerator(workspace: workspace, target: target).run(request)
        HostLauncher.flushLogsIfRunning(home: workspace.home)
        for firing in summary.firings {
            context.console.line("\(SimulatedClock.isoString(firing.time)) schedule \(firing.schedule): \(firing.job ?? "not started") \(firing.status)\(firing.error.map { " (\($0))" } ?? "")")
        }
        let served = summary.served.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let retries = summary.retried > 0 ? " (\(summary.retried) answers 429 retried)" : ""
        context.console.line("Sent \(summary.requests) requests over HTTP to \(endpoint) (\(served))\(retries) from \(SimulatedClock.isoString(summary.start)) to \(SimulatedClock.isoString(summary.end)) on \(summary.connections) keep-alive connection(s); \(summary.labels) labels; \(summary.firings.count) scheduled runs; \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }
}
