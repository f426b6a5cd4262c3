import Foundation

/// `/metrics` in the Prometheus text exposition format: per-deployment request counts by status class,
/// latency quantiles, and the host process's CPU seconds and resident memory.
public enum PrometheusText {
    public static func render(table: ServingTable) -> String {
        var lines = [
            "# HELP azureml_online_requests_total Scoring requests answered, by status class.",
            "# TYPE azureml_online_requests_total counter",
        ]
        var latency = ["# HELP azureml_online_request_latency_seconds Request latency over the most recent requests.",
                       "# TYPE azureml_online_request_latency_seconds summary"]
        for endpoint in table.all() {
            for name in endpoint.deployments.keys.sorted() {
                guard let runtime = endpoint.deployments[name] else { continue }
                let m = runtime.metrics.snapshot()
                let labels = "endpoint=\"\(endpoint.name)\",deployment=\"\(name)\""
                for (code, count) in [("2xx", m.status2xx), ("4xx", m.status4xx), ("5xx", m.status5xx)] {
                    lines.append("azureml_online_requests_total{\(labels),code=\"\(code)\"} \(count)")
                }
                for (q, value) in [("0.5", m.p50), ("0.9", m.p90), ("0.99", m.p99)] {
                    latency.append("azureml_online_request_latency_seconds{\(labels),quantile=\"\(q)\"} \(value)")
                }
                latency.append("azureml_online_request_latency_seconds_count{\(labels)} \(m.requests)")
            }
        }
        let process = ProcessUsage.current()
        lines += latency
        lines += ["# HELP process_cpu_seconds_total Host CPU time.", "# TYPE process_cpu_seconds_total counter", "process_cpu_seconds_total \(process.cpuSeconds)",
                  "# HELP process_resident_memory_bytes Host resident memory.", "# TYPE process_resident_memory_bytes gauge", "process_resident_memory_bytes \(process.residentBytes)"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// CPU time and resident memory of this process, from /proc.
public struct ProcessUsage: Sendable {
    public var cpuSeconds: Double
    public var residentBytes: Int

    public static func current() -> ProcessUsage {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var cpu = 0.0
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) { cpu = (user + system) / max(ticks, 1) }
        }
        var rss = 0
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { rss = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        return ProcessUsage(cpuSeconds: cpu, residentBytes: rss)
    }
}
