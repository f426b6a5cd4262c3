import CoreMetrics
import Foundation

/// Request counters and recent latencies of one deployment. Every answered request is reported through
/// swift-metrics (a counter per status class and a timer, exported by the host's Prometheus registry at `/metrics`)
/// and kept in a small window here for the latency percentiles of `serve status` and the sampled metrics table.
public final class DeploymentMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int] = [0, 0, 0, 0, 0, 0]  // index = status / 100
    private var latencies: [Double]
    /// Requests recorded so far; the window holds the latencies of sequence numbers `total - filled ..< total`.
    private var total = 0
    public static let window = 8192
    private let counters: [CoreMetrics.Counter]
    private let timer: CoreMetrics.Timer?
    private let quantiles: [CoreMetrics.Gauge]

    /// Metrics of `deployment` on `endpoint`, reported to `factory` (none: kept only here, as in tests).
    public init(endpoint: String = "", deployment: String = "", factory: (any MetricsFactory)? = nil) {
        latencies = [Double](repeating: 0, count: DeploymentMetrics.window)
        if let factory {
            counters = ["1xx", "2xx", "3xx", "4xx", "5xx"].map {
                CoreMetrics.Counter(label: MetricNames.requests, dimensions: [("endpoint", endpoint), ("deployment", deployment), ("code", $0)], factory: factory)
            }
            timer = CoreMetrics.Timer(label: MetricNames.duration, dimensions: [("endpoint", endpoint), ("deployment", deployment)], factory: factory)
            quantiles = ["0.5", "0.9", "0.95", "0.99"].map {
                CoreMetrics.Gauge(label: MetricNames.latency, dimensions: [("endpoint", endpoint), ("deployment", deployment), ("quantile", $0)], factory: factory)
            }
        } else {
            counters = []
            timer = nil
            quantiles = []
        }
    }

    /// Records one answered request.
    public func record(status: Int, seconds: Double) {
        let klass = min(5, max(0, status / 100))
        lock.lock()
        counts[klass] += 1
        latencies[total % DeploymentMetrics.window] = seconds
        total += 1
        lock.unlock()
        if klass >= 1, klass - 1 < counters.count { counters[klass - 1].increment() }
        timer?.recordNanoseconds(Int64(seconds * 1e9))
    }

    /// A consistent copy of the counters, with latency quantiles over the window.
    public func snapshot() -> MetricsSnapshot { snapshot(since: nil) }

    /// The counters, with latency quantiles over the requests after the first `sequence` ones (those still in the
    /// window); nil: the whole window. `MetricsSnapshot.sequence` is the value to pass next time.
    public func snapshot(since sequence: Int?) -> MetricsSnapshot {
        lock.lock()
        let held = min(total, DeploymentMetrics.window)
        let first = max(total - held, sequence ?? 0)
        var sample: [Double] = []
        sample.reserveCapacity(max(0, total - first))
        if first < total { for s in first..<total { sample.append(latencies[s % DeploymentMetrics.window]) } }
        let copy = counts
        let sequence = total
        lock.unlock()
        sample.sort()
        func quantile(_ q: Double) -> Double {
            guard !sample.isEmpty else { return 0 }
            let rank = Int((q * Double(sample.count)).rounded(.up)) - 1
            return sample[min(sample.count - 1, max(0, rank))]
        }
        return MetricsSnapshot(requests: copy.reduce(0, +), status2xx: copy[2], status4xx: copy[4], status5xx: copy[5],
                               p50: quantile(0.5), p90: quantile(0.9), p95: quantile(0.95), p99: quantile(0.99), sequence: sequence)
    }

    /// Sets the latency quantile gauges from the window (before `/metrics` is rendered).
    func publishQuantiles() {
        guard quantiles.count == 4 else { return }
        let m = snapshot()
        for (gauge, value) in zip(quantiles, [m.p50, m.p90, m.p95, m.p99]) { gauge.record(value) }
    }

    /// Removes this deployment's series from the registry (the deployment was deleted).
    func destroy() {
        for counter in counters { counter.destroy() }
        timer?.destroy()
        for gauge in quantiles { gauge.destroy() }
    }
}

/// The metric names the host exports (documented in docs/serving.md).
public enum MetricNames {
    /// Counter: answered scoring requests by `endpoint`, `deployment` and status class `code` (`2xx`, `4xx`, ...).
    public static let requests = "azureml_online_requests_total"
    /// Histogram: scoring request duration in the host, seconds.
    public static let duration = "azureml_online_request_duration_seconds"
    /// Gauge: latency quantile (`quantile` 0.5, 0.9, 0.95, 0.99) over the most recent 8,192 requests, seconds.
    public static let latency = "azureml_online_request_latency_seconds"
    /// Counter: the host process's CPU time, seconds.
    public static let cpu = "process_cpu_seconds_total"
    /// Gauge: the host process's resident memory, bytes.
    public static let memory = "process_resident_memory_bytes"
}

/// Counters of one deployment at one moment.
public struct MetricsSnapshot: Sendable, Equatable {
    public var requests: Int
    public var status2xx: Int
    public var status4xx: Int
    public var status5xx: Int
    /// Latency quantiles over the most recent requests, in seconds.
    public var p50: Double
    public var p90: Double
    public var p95: Double = 0
    public var p99: Double
    /// Requests recorded when the snapshot was taken.
    public var sequence: Int = 0
}
