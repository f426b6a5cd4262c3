import Foundation
import ServiceLifecycle
import Workspace

/// The scoring host's metrics over time: every few seconds of real time the host appends one row per deployment to
/// `<home>/serving/metrics.jsonl` (real and simulated time, cumulative requests and status classes, requests per
/// second and latency percentiles over the interval, the host process's CPU % and resident memory), and
/// `mlopslab serve metrics` prints them as a table.
public enum MetricsHistory {
    /// One sampled row.
    public struct Row: Sendable, Equatable {
        public var time: String
        public var simulatedTime: String
        public var endpoint: String
        public var deployment: String
        public var requests: Int
        public var rps: Double
        public var p50Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var status2xx: Int
        public var status4xx: Int
        public var status5xx: Int
        public var cpuPercent: Double
        public var rssMB: Double

        var json: JSONValue {
            ["time": .string(time), "simulated_time": .string(simulatedTime), "endpoint": .string(endpoint), "deployment": .string(deployment),
             "requests": .int(Int64(requests)), "rps": .double(rps), "p50_ms": .double(p50Ms), "p95_ms": .double(p95Ms), "p99_ms": .double(p99Ms),
             "status_2xx": .int(Int64(status2xx)), "status_4xx": .int(Int64(status4xx)), "status_5xx": .int(Int64(status5xx)),
             "cpu_percent": .double(cpuPercent), "rss_mb": .double(rssMB)]
        }

        init?(json: JSONValue) {
            guard let time = json["time"]?.stringValue, let endpoint = json["endpoint"]?.stringValue, let deployment = json["deployment"]?.stringValue else { return nil }
            self.time = time
            simulatedTime = json["simulated_time"]?.stringValue ?? time
            self.endpoint = endpoint
            self.deployment = deployment
            requests = Int(json["requests"]?.intValue ?? 0)
            rps = json["rps"]?.doubleValue ?? 0
            p50Ms = json["p50_ms"]?.doubleValue ?? 0
            p95Ms = json["p95_ms"]?.doubleValue ?? 0
            p99Ms = json["p99_ms"]?.doubleValue ?? 0
            status2xx = Int(json["status_2xx"]?.intValue ?? 0)
            status4xx = Int(json["status_4xx"]?.intValue ?? 0)
            status5xx = Int(json["status_5xx"]?.intValue ?? 0)
            cpuPercent = json["cpu_percent"]?.doubleValue ?? 0
            rssMB = json["rss_mb"]?.doubleValue ?? 0
        }

        public init(time: String, simulatedTime: String, endpoint: String, deployment: String, requests: Int, rps: Double, p50Ms: Double, p95Ms: Double,
                    p99Ms: Double, status2xx: Int, status4xx: Int, status5xx: Int, cpuPercent: Double, rssMB: Double) {
            self.time = time
            self.simulatedTime = simulatedTime
            self.endpoint = endpoint
            self.deployment = deployment
            self.requests = requests
            self.rps = rps
            self.p50Ms = p50Ms
            self.p95Ms = p95Ms
            self.p99Ms = p99Ms
            self.status2xx = status2xx
            self.status4xx = status4xx
            self.status5xx = status5xx
            self.cpuPercent = cpuPercent
            self.rssMB = rssMB
        }
    }

    /// One row as a compact JSON line.
    public static func json(_ row: Row) -> String { row.json.compact() }

    /// `<home>/serving/metrics.jsonl`.
    public static func file(home: URL) -> URL { ServingAddress.folder(home: home).appendingPathComponent("metrics.jsonl") }

    /// The file is cut to its newer half beyond this size.
    static let maxBytes = 4 << 20

    /// Seconds between samples: `MLOPSLAB_SERVE_SAMPLE_SECONDS` (at least 0.05), else 5.
    public static var interval: Double {
        if let text = ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_SAMPLE_SECONDS"], let value = Double(text), value >= 0.05 { return value }
        return 5
    }

    /// Rows recorded in the state home, oldest first, optionally only one endpoint's or deployment's.
    public static func rows(home: URL, endpoint: String? = nil, deployment: String? = nil) -> [Row] {
        guard let text = try? String(contentsOf: file(home: home), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { JSONValue.parse(String($0)).flatMap(Row.init(json:)) }
            .filter { (endpoint == nil || $0.endpoint == endpoint) && (deployment == nil || $0.deployment == deployment) }
    }

    /// The rows as an aligned table (`time` is the real UTC time of the sample; `simulated` the simulated clock's).
    public static func table(_ rows: [Row]) -> String {
        var lines: [[String]] = [["TIME (UTC)", "SIMULATED", "ENDPOINT", "DEPLOYMENT", "REQUESTS", "RPS", "P50 MS", "P95 MS", "P99 MS", "2XX", "4XX", "5XX", "CPU %", "RSS MB"]]
        func clock(_ iso: String) -> String {
            // 2026-11-21T23:40:05Z -> 23:40:05; the simulated time keeps its date (the clock may be days ahead).
            guard let t = iso.firstIndex(of: "T") else { return iso }
            return String(iso[iso.index(after: t)...].prefix(8))
        }
        func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        for row in rows {
            lines.append([clock(row.time), String(row.simulatedTime.replacingOccurrences(of: "T", with: " ").prefix(19)), row.endpoint, row.deployment,
                          String(row.requests), fixed(row.rps, 1), fixed(row.p50Ms, 3), fixed(row.p95Ms, 3), fixed(row.p99Ms, 3),
                          String(row.status2xx), String(row.status4xx), String(row.status5xx), fixed(row.cpuPercent, 1), fixed(row.rssMB, 1)])
        }
        let widths = (0..<lines[0].count).map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index < 4 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    /// Appends rows to the file (cutting it to its newer half when it grew beyond `maxBytes`).
    static func append(_ rows: [Row], home: URL) {
        guard !rows.isEmpty else { return }
        let url = file(home: home)
        let text = rows.map { $0.json.compact() }.joined(separator: "\n") + "\n"
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maxBytes,
           let old = try? String(contentsOf: url, encoding: .utf8) {
            let lines = old.split(separator: "\n")
            let kept = lines.suffix(lines.count / 2).joined(separator: "\n") + "\n"
            try? Data((kept + text).utf8).write(to: url, options: .atomic)
            return
        }
        if let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: Data(text.utf8))
        } else {
            try? Data(text.utf8).write(to: url)
        }
    }
}

/// Samples every deployment's metrics into `MetricsHistory` every `MetricsHistory.interval` seconds of real time.
struct MetricsSampler: Service {
    let table: ServingTable
    let interval: Double

    final class State: @unchecked Sendable {
        var sequences: [String: Int] = [:]
        var requests: [String: Int] = [:]
        var lastTime = DispatchTime.now().uptimeNanoseconds
        var lastCPU = ProcessUsage.current().cpuSeconds
    }

    func run() async throws {
        let state = State()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            sample(state)
        }
    }

    func sample(_ state: State) {
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = max(1e-3, Double(now &- state.lastTime) / 1e9)
        let usage = ProcessUsage.current()
        let cpuPercent = max(0, usage.cpuSeconds - state.lastCPU) / seconds * 100
        state.lastTime = now
        state.lastCPU = usage.cpuSeconds
        let wall = SimulatedClock.isoString(Date())
        let simulated = SimulatedClock.isoString(table.currentSimulatedTime())
        var rows: [MetricsHistory.Row] = []
        for endpoint in table.all() {
            for name in endpoint.deployments.keys.sorted() {
                guard let runtime = endpoint.deployments[name] else { continue }
                let key = "\(endpoint.name)/\(name)"
                let m = runtime.metrics.snapshot(since: state.sequences[key] ?? 0)
                let previous = state.requests[key] ?? 0
                state.sequences[key] = m.sequence
                state.requests[key] = m.requests
                rows.append(MetricsHistory.Row(time: wall, simulatedTime: simulated, endpoint: endpoint.name, deployment: name, requests: m.requests,
                                               rps: Double(max(0, m.requests - previous)) / seconds, p50Ms: m.p50 * 1000, p95Ms: m.p95 * 1000,
                                               p99Ms: m.p99 * 1000, status2xx: m.status2xx, status4xx: m.status4xx, status5xx: m.status5xx,
                                               cpuPercent: cpuPercent, rssMB: Double(usage.residentBytes) / 1_048_576))
            }
        }
        MetricsHistory.append(rows, home: table.home)
    }
}
