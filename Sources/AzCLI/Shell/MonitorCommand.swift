import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab monitor list|show`: model monitor runs with per-feature metric, value, threshold and
/// pass/fail, and a text histogram of reference against production for one feature.
public struct MonitorCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Show model monitor results (schedules with create_monitor).",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )
    public init() {}

    static func runner() throws -> MonitorRunner {
        let workspace = try Workspace(home: CommandContext.active.home.url)
        return MonitorRunner(workspace: workspace, target: try workspace.target(group: nil, workspace: nil))
    }

    /// `mlopslab monitor list`.
    public struct List: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "List monitors with their last run.")
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            let workspace = try Workspace(home: context.home.url)
            let target = try workspace.target(group: nil, workspace: nil)
            let monitors = try ScheduleStore(workspace: workspace, target: target).list(includeDisabled: true).filter { $0.entity["create_monitor"] != nil }
            guard !monitors.isEmpty else { context.console.line("No monitors. Create one with `az ml schedule create -f monitor.yml` (a schedule with create_monitor)."); return }
            let runner = MonitorRunner(workspace: workspace, target: target)
            for monitor in monitors {
                let name = monitor.entity["name"]?.stringValue ?? ""
                let runs = try runner.runs(monitor: name)
                context.console.line("\(name)  enabled=\(monitor.entity["is_enabled"]?.compact() ?? "true")  runs=\(runs.count)  last=\(runs.first?["run_time"]?.stringValue ?? "-") \(runs.first?["status"]?.stringValue ?? "")")
            }
        }
    }

    /// `mlopslab monitor show NAME [--feature COL]`: every signal's per-feature table, feature importances for
    /// feature attribution drift, and a histogram (of --feature, else of the first failing drift feature).
    public struct Show: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "show", abstract: "Per-feature results of a monitor's latest run (or --run N back).")
        @Argument(help: "Monitor (schedule) name.") var name: String
        @Option(help: "Draw the reference vs production histogram of this feature.") var feature: String?
        @Option(name: .customLong("run"), help: "Which run: 0 = latest, 1 = the one before...") var runIndex: Int = 0
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            let runs = try MonitorCommand.runner().runs(monitor: name)
            guard !runs.isEmpty else {
                throw WorkspaceError.failed("monitor \(name) has no runs yet: advance the clock past its next trigger (`mlopslab clock advance 1d`) or `az ml schedule trigger -n \(name)`")
            }
            guard runIndex >= 0, runIndex < runs.count else { throw WorkspaceError.invalidArgument("--run must be between 0 and \(runs.count - 1)") }
            let selected = runs[runIndex]
            context.console.line("Monitor \(name), run at \(selected["run_time"]?.stringValue ?? ""): \(selected["status"]?.stringValue ?? "")")
            var histogram: JSONValue?
            var automatic: (String, JSONValue)?
            for signal in selected["signals"]?.arrayValue ?? [] {
                let window = signal["window"]
                context.console.line("")
                context.console.line("[\(signal["status"]?.stringValue ?? "")] \(signal["name"]?.stringValue ?? "") (\(signal["type"]?.stringValue ?? "")), window \(window?["start"]?.stringValue ?? "") .. \(window?["end"]?.stringValue ?? ""), \(signal["production_rows"]?.compact() ?? "0") production rows")
                if let note = signal["note"]?.stringValue { context.console.line("  note: \(note)") }
                for row in signal["results"]?.arrayValue ?? [] {
                    let value = row["value"]?.doubleValue.map { String(format: "%.6f", $0) } ?? "-"
                    let threshold = row["threshold"]?.doubleValue.map { String(format: "%g", $0) } ?? "none"
                    let verdict = row["passed"] == .bool(false) ? "FAIL" : "pass"
                    let feature = (row["feature"]?.stringValue ?? "").padding(toLength: 20, withPad: " ", startingAt: 0)
                    let metric = (row["metric"]?.stringValue ?? "").padding(toLength: 34, withPad: " ", startingAt: 0)
                    context.console.line("  \(feature) \(metric) \(value)  threshold \(threshold) (alert when \(row["alert_when"]?.stringValue ?? "above"))  \(verdict)")
                }
                for item in signal["importances"]?.arrayValue ?? [] {
                    let name = (item["feature"]?.stringValue ?? "").padding(toLength: 20, withPad: " ", startingAt: 0)
                    let reference = item["reference"]?.doubleValue.map { String(format: "%.6f", $0) } ?? "-"
                    let production = item["production"]?.doubleValue.map { String(format: "%.6f", $0) } ?? "-"
                    context.console.line("  \(name) importance reference \(reference)  production \(production)")
                }
                if let feature, histogram == nil { histogram = signal["histograms"]?[feature] }
                if feature == nil, automatic == nil, let histograms = signal["histograms"]?.objectValue, !histograms.isEmpty {
                    // Without --feature: the first failing feature of the first drift signal, else its first feature.
                    let results = signal["results"]?.arrayValue ?? []
                    let failing = results.first { $0["passed"] == .bool(false) && histograms[$0["feature"]?.stringValue ?? ""] != nil }
                    let chosen = failing?["feature"]?.stringValue ?? results.compactMap { $0["feature"]?.stringValue }.first { histograms[$0] != nil }
                    if let chosen, let drawn = histograms[chosen] { automatic = (chosen, drawn) }
                }
            }
            if let feature {
                guard let histogram else { throw WorkspaceError.invalidArgument("feature '\(feature)' has no histogram in this run (only drift signals record them)") }
                context.console.line("")
                context.console.line("\(feature): reference (#) vs production (*), share of rows per bin")
                context.console.write(TextHistogram.render(histogram))
            } else if let (name, drawn) = automatic {
                context.console.line("")
                context.console.line("\(name): reference (#) vs production (*), share of rows per bin (--feature COL for another feature)")
                context.console.write(TextHistogram.render(drawn))
            }
            if let job = selected["retraining_job"], job != .null {
                context.console.line("")
                context.console.line("Retraining job: \(job["name"]?.stringValue ?? "not started") \(job["status"]?.stringValue ?? "")\(job["error"]?.stringValue.map { " (\($0))" } ?? "")")
            }
        }
    }
}
