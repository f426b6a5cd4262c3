import CoreMetrics
import Foundation
import Prometheus

/// The host's metrics registry: deployments report through swift-metrics (`DeploymentMetrics`) into a
/// swift-prometheus registry of the host's own (no global bootstrap, so several hosts can live in one test process),
/// rendered at `/metrics` in the Prometheus text format. Metric names: `MetricNames`.
public final class MetricsExporter: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    private let cpu: CoreMetrics.FloatingPointCounter
    private let memory: CoreMetrics.Gauge
    private let cpuReported = CPUCounterState()

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Scoring takes microseconds to milliseconds: buckets from 100 us to 10 s.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        cpu = CoreMetrics.FloatingPointCounter(label: MetricNames.cpu, dimensions: [], factory: factory)
        memory = CoreMetrics.Gauge(label: MetricNames.memory, dimensions: [], factory: factory)
    }

    /// The Prometheus text of every registered metric, with the process figures and latency quantiles refreshed.
    public func render(table: ServingTable) -> String {
        let usage = ProcessUsage.current()
        cpu.increment(by: cpuReported.advance(to: usage.cpuSeconds))
        memory.record(Double(usage.residentBytes))
        for endpoint in table.all() { for runtime in endpoint.deployments.values { runtime.metrics.publishQuantiles() } }
        return registry.emitToString()
    }
}

/// The CPU seconds already added to the counter (the counter only moves forward).
final class CPUCounterState: @unchecked Sendable {
    private let lock = NSLock()
    private var reported = 0.0

    /// The increment that brings the counter to `total`.
    func advance(to total: Double) -> Double {
        lock.lock()
        defer { lock.unlock() }
        let delta = max(0, total - reported)
        reported += delta
        return delta
    }
}

/// `/metrics` in the Prometheus text exposition format (kept for callers that render a table directly).
public enum PrometheusText {
    public static func render(table: ServingTable) -> String { table.exporter.render(table: table) }
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
