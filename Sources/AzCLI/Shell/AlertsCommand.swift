import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab alerts`: alerts raised by model monitors (also in `<state home>/outbox/alerts.jsonl`).
public struct AlertsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts raised by model monitors, newest first (also appended to <state home>/outbox/alerts.jsonl)."
    )
    @Option(help: "Only the alerts of this monitor.") var monitor: String?
    @Flag(help: "Print JSON lines instead of a table.") var json = false
    public init() {}

    public func run() throws {
        let context = CommandContext.active
        let workspace = try Workspace(home: context.home.url)
        let alerts = try MonitorRunner(workspace: workspace, target: try workspace.target(group: nil, workspace: nil)).alerts()
            .filter { monitor == nil || $0["monitor"]?.stringValue == monitor }
        guard !alerts.isEmpty else { context.console.line("No alerts."); return }
        for alert in alerts {
            if json { context.console.line(alert.compact()); continue }
            let failing = (alert["failing"]?.arrayValue ?? []).map { row in
                "\(row["feature"]?.stringValue ?? "") \(row["metric"]?.stringValue ?? "")=\(row["value"]?.doubleValue.map { String(format: "%.4f", $0) } ?? "-") (threshold \(row["threshold"]?.doubleValue.map { String(format: "%g", $0) } ?? "-"))"
            }.joined(separator: "; ")
            let retrain = alert["retraining_job"]?["name"]?.stringValue.map { "  retraining job \($0)" } ?? ""
            context.console.line("\(alert["time"]?.stringValue ?? "")  \(alert["monitor"]?.stringValue ?? "")/\(alert["signal"]?.stringValue ?? "") [\(alert["signal_type"]?.stringValue ?? "")]  \(failing)\(retrain)")
        }
    }
}
