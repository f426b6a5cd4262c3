import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab cost`: what each compute and online deployment has cost so far on the simulated clock, priced
/// from the SKU table.
public struct CostCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Report cost per compute, serverless jobs and online deployments over simulated time (nodes billed × hours × SKU price).",
        discussion: "Clusters bill min_instances nodes even when idle; compute instances bill while Running; serverless jobs bill instance_count × resources.instance_type for their run time; online deployments bill instance_count × instance_type for as long as they exist. Move time with `mlopslab clock advance 7d`."
    )

    @Option(name: [.customShort("g"), .customLong("resource-group")], help: "Resource group (default: the configured one).")
    var resourceGroup: String?

    @Option(name: [.customShort("w"), .customLong("workspace-name")], help: "Workspace (default: the configured one).")
    var workspaceName: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    public init() {}

    public func run() throws {
        let context = CommandContext.active
        let workspace = try Workspace(home: context.home.url)
        let target = try workspace.target(group: resourceGroup, workspace: workspaceName)
        let now = try workspace.clock.now()
        let computes = try ComputeStore(workspace: workspace).billingHistory(in: target) + ServerlessUsage(workspace: workspace).history(in: target)
        let report = CostReport.workspace(computes: computes, deployments: try DeploymentBilling(workspace: workspace).history(in: target), now: now)
        if json {
            let lines: [JSONValue] = report.lines.map { line in
                ["resource": .string(line.resource), "type": .string(line.type), "size": .string(line.size), "tier": .string(line.tier),
                 "node_hours": .double((line.nodeHours * 100).rounded() / 100), "cost_usd": .double((line.costUSD * 100).rounded() / 100), "note": .string(line.note)]
            }
            let daily = CostReport.hourlyRunRate(computes.map(\.billing), at: now) * 24
            context.console.write(JSONValue.object(["as_of": .string(SimulatedClock.isoString(now)), "resources": .array(lines),
                                                    "run_rate_usd_per_day": .double((daily * 100).rounded() / 100),
                                                    "total_usd": .double((report.totalUSD * 100).rounded() / 100)]).prettyPrinted() + "\n")
            return
        }
        context.console.line("Cost as of \(SimulatedClock.isoString(now)) (simulated clock), workspace \(target.workspaceName)")
        guard !report.lines.isEmpty else {
            context.console.line("No compute or online deployment has been created yet, so nothing has cost anything.")
            return
        }
        let rows = report.lines.map { [$0.resource, $0.type, $0.size, $0.tier, String(format: "%.2f", $0.nodeHours), String(format: "$%.2f", $0.costUSD), $0.note] }
        let headers = ["Resource", "Type", "Size", "Tier", "Node hours", "Cost (USD)", "Note"]
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        context.console.line(line(headers))
        context.console.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { context.console.line(line(row)) }
        context.console.line(String(format: "Total: $%.2f", report.totalUSD))
        let daily = CostReport.hourlyRunRate(computes.map(\.billing), at: now) * 24
        context.console.line(String(format: "Run rate now: $%.2f per day (what is billed at this moment, for 24 hours)", daily))
    }
}
