import ArgumentParser
import CLICore
import Foundation
import Serving
import Workspace

/// `mlopslab serve start|stop|status` (and the hidden `serve run`, the host process itself): the
/// background scoring host that serves every online endpoint of the state home on 127.0.0.1.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start, stop or inspect the local scoring host behind the online endpoints (127.0.0.1 only).",
        subcommands: [Status.self, Metrics.self, Start.self, Stop.self, Run.self],
        defaultSubcommand: Status.self
    )

    public init() {}

    /// `mlopslab serve status`: pid, port, endpoints and per-deployment request metrics; exits 0 when stopped too.
    public struct Status: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the host runs, its pid and port, and per-deployment requests, status classes and latency.")
        @Flag(help: "Print the status as JSON.") var json = false
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            let home = context.home.url
            guard let record = HostLauncher.running(home: home), let url = URL(string: "http://127.0.0.1:\(record.port)/-/status"),
                  let reply = LoopbackClient.send(url, timeout: 5), let status = JSONValue.parse(reply.body) else {
                if json { context.console.line("{\"running\": false}") } else {
                    context.console.line("Scoring host: stopped. It starts on demand (az ml online-deployment create, az ml online-endpoint invoke) or with `mlopslab serve start`.")
                }
                return
            }
            if json { context.console.line(status.setting("running", true).compact()); return }
            let rss = Double(status["resident_bytes"]?.intValue ?? 0) / 1_048_576
            context.console.line("Scoring host: running, pid \(record.pid), http://127.0.0.1:\(record.port) (started \(record.startedAt)); CPU \(String(format: "%.2f", status["cpu_seconds"]?.doubleValue ?? 0)) s, memory \(String(format: "%.1f", rss)) MiB")
            let endpoints = status["endpoints"]?.arrayValue ?? []
            if endpoints.isEmpty { context.console.line("No endpoints yet: az ml online-endpoint create -n <name>") }
            var rows: [[String]] = [["ENDPOINT", "DEPLOYMENT", "REQUESTS", "2XX", "4XX", "5XX", "P50 MS", "P90 MS", "P99 MS"]]
            for endpoint in endpoints {
                let name = endpoint["name"]?.stringValue ?? ""
                for deployment in endpoint["deployments"]?.arrayValue ?? [] {
                    func ms(_ key: String) -> String { String(format: "%.3f", deployment[key]?.doubleValue ?? 0) }
                    rows.append([name, deployment["name"]?.stringValue ?? "", deployment["requests"]?.scalarText ?? "0", deployment["status_2xx"]?.scalarText ?? "0",
                                 deployment["status_4xx"]?.scalarText ?? "0", deployment["status_5xx"]?.scalarText ?? "0", ms("p50_ms"), ms("p90_ms"), ms("p99_ms")])
                }
                context.console.line("Endpoint \(name): traffic \(endpoint["traffic"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "none"), scoring URI http://127.0.0.1:\(record.port)/endpoints/\(name)/score")
            }
            if rows.count > 1 {
                let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
                for row in rows {
                    context.console.line(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
                }
            }
            for (key, reason) in (status["load_failures"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                context.console.line("Not loaded: \(key): \(reason.stringValue ?? "")")
            }
        }
    }

    /// `mlopslab serve metrics`: the host's sampled per-deployment metrics over time (also after the host stopped).
    public struct Metrics: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "metrics",
            abstract: "Show per-deployment requests, requests/s, latency percentiles, status classes, host CPU and memory over time.",
            discussion: "The scoring host samples every few seconds (MLOPSLAB_SERVE_SAMPLE_SECONDS, default 5) into <home>/serving/metrics.jsonl; TIME is real UTC time, SIMULATED the simulated clock's.")
        @Option(help: "Only this endpoint.") var endpoint: String?
        @Option(help: "Only this deployment.") var deployment: String?
        @Option(help: "Show the last N rows (0: all).") var last = 20
        @Flag(help: "Print the rows as JSON lines.") var json = false
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            var rows = MetricsHistory.rows(home: context.home.url, endpoint: endpoint, deployment: deployment)
            if last > 0 { rows = Array(rows.suffix(last)) }
            if json {
                for row in rows { context.console.line(MetricsHistory.json(row)) }
                return
            }
            guard !rows.isEmpty else {
                context.console.line("No metrics sampled yet\(endpoint.map { " for endpoint \($0)" } ?? "")\(deployment.map { " and deployment \($0)" } ?? ""). The scoring host samples every \(String(format: "%g", MetricsHistory.interval)) s while it runs (mlopslab serve start).")
                return
            }
            context.console.write(MetricsHistory.table(rows))
        }
    }

    /// `mlopslab serve start`.
    public struct Start: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the scoring host now (it also starts on demand).")
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            let record = try HostLauncher.ensureRunning(home: context.home.url)
            context.console.line("Scoring host running: pid \(record.pid), http://127.0.0.1:\(record.port)")
        }
    }

    /// `mlopslab serve stop`.
    public struct Stop: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the scoring host (endpoints answer again once it restarts).")
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            if let pid = HostLauncher.stop(home: context.home.url) {
                context.console.line("Stopped the scoring host (pid \(pid)).")
            } else {
                context.console.line("The scoring host is not running.")
            }
        }
    }

    /// `mlopslab serve run`: the host process itself (started detached by the other commands).
    public struct Run: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the scoring host in the foreground (internal).", shouldDisplay: false)
        @Option(help: "Port to listen on (default: the last port, else any free one).") var port: Int?
        public init() {}
        public func run() throws {
            let home = CommandContext.active.home.url
            let preferred = port ?? ServingAddress.record(home: home)?.port
            let box = HostOutcome()
            let done = DispatchSemaphore(value: 0)
            Task.detached {
                do { try await ScoringHost.run(home: home, preferredPort: preferred) } catch { box.message = "\(error)" }
                done.signal()
            }
            done.wait()
            if let message = box.message { throw WorkspaceError.failed("The scoring host stopped: \(message)") }
        }
    }
}

final class HostOutcome: @unchecked Sendable {
    var message: String?
}
