import Foundation

/// Request counters and recent latencies of one deployment (thread-safe; cheap to record).
public final class DeploymentMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int] = [0, 0, 0, 0, 0, 0]  // index = status / 100
    private var latencies: [Double]
    private var next = 0
    private var filled = 0
    public static let window = 8192

    public init() { latencies = [Double](repeating: 0, count: DeploymentMetrics.window) }

    /// Records one answered request.
    public func record(status: Int, seconds: Double) {
        lock.lock()
        counts[min(5, max(0, status / 100))] += 1
        latencies[next] = seconds
        next = (next + 1) % DeploymentMetrics.window
        filled = min(filled + 1, DeploymentMetrics.window)
        lock.unlock()
    }

    /// A consistent copy of the counters.
    public func snapshot() -> MetricsSnapshot {
        lock.lock()
        let sample = Array(latencies.prefix(filled)).sorted()
        let copy = counts
        lock.unlock()
        func quantile(_ q: Double) -> Double {
            guard !sample.isEmpty else { return 0 }
            return sample[min(sample.count - 1, Int((q * Double(sample.count)).rounded(.up)) - 1 < 0 ? 0 : Int((q * Double(sample.count)).rounded(.up)) - 1)]
        }
        return MetricsSnapshot(requests: copy.reduce(0, +), status2xx: copy[2], status4xx: copy[4], status5xx: copy[5],
                               p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99))
    }
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
    public var p99: Double
}
