import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Workspace

/// The background scoring host of one state home: serves every provisioned deployment on 127.0.0.1,
/// records its pid and port in `<home>/serving/host.json`, and stops gracefully on SIGTERM or SIGINT.
public enum ScoringHost {
    /// Runs until a termination signal. `preferredPort` (the last port) is tried first so scoring URIs stay valid.
    public static func run(home: URL, preferredPort: Int?) async throws {
        signal(SIGPIPE, SIG_IGN)  // a scoring worker that died must not take the host with it
        let table = ServingTable(home: home)
        try table.reload()
        let eventLoopThreads = ScoringHost.eventLoopThreads
        let pid = getpid()
        let started = SimulatedClock.isoString(Date())
        let portBox = PortBox()
        let status: @Sendable () -> String = {
            let endpoints: [JSONValue] = table.all().map { endpoint in
                let deployments: [JSONValue] = endpoint.deployments.keys.sorted().compactMap { name in
                    guard let m = endpoint.deployments[name]?.metrics.snapshot() else { return nil }
                    return ["name": .string(name), "requests": .int(Int64(m.requests)), "status_2xx": .int(Int64(m.status2xx)),
                            "status_4xx": .int(Int64(m.status4xx)), "status_5xx": .int(Int64(m.status5xx)),
                            "p50_ms": .double(m.p50 * 1000), "p90_ms": .double(m.p90 * 1000), "p95_ms": .double(m.p95 * 1000), "p99_ms": .double(m.p99 * 1000)]
                }
                return ["name": .string(endpoint.name), "deployments": .array(deployments),
                        "traffic": .string(endpoint.traffic.map { "\($0.name)=\($0.weight)" }.joined(separator: " "))]
            }
            let failures = JSONValue.object(table.loadFailures.mapValues(JSONValue.string))
            let usage = ProcessUsage.current()
            return JSONValue.object(["cpu_seconds": .double(usage.cpuSeconds), "resident_bytes": .int(Int64(usage.residentBytes)), "pid": .int(Int64(pid)),
                                     "port": .int(Int64(portBox.port)), "event_loop_threads": .int(Int64(eventLoopThreads)), "endpoints": .array(endpoints),
                                     "load_failures": failures]).compact()
        }
        var logger = Logger(label: "mlopslab.serve")
        logger.logLevel = .warning
        do {
            try await serve(table: table, port: preferredPort ?? 0, home: home, pid: pid, started: started, portBox: portBox, status: status, logger: logger)
        } catch where preferredPort != nil && preferredPort != 0 {
            try await serve(table: table, port: 0, home: home, pid: pid, started: started, portBox: portBox, status: status, logger: logger)
        }
        table.shutdown()
    }

    /// Event-loop threads: `MLOPSLAB_SERVE_THREADS` when set (1-64), else one per core. Requests to in-process
    /// models are answered on these threads (`ScoringFastPath`).
    public static var eventLoopThreads: Int {
        if let text = ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_THREADS"], let value = Int(text), (1...64).contains(value) { return value }
        return System.coreCount
    }

    /// The HTTP server of a table: Hummingbird's HTTP/1.1 server with the scoring fast path in every connection's
    /// pipeline, on `127.0.0.1:port` (0: any free port).
    public static func application(table: ServingTable, port: Int, status: @escaping @Sendable () -> String, eventLoopGroup: any EventLoopGroup,
                                   onServerRunning: @escaping @Sendable (Int) -> Void, logger: Logger) -> some ApplicationProtocol {
        let router: Router<ScoringRequestContext> = ScoringRouter.router(table: table, status: status)
        return Application(router: router, server: HTTPServerBuilder { responder in ScoringHTTP1Channel(responder: responder, table: table, serverName: "azureml-frontdoor") },
                           configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "azureml-frontdoor"),
                           onServerRunning: { channel in onServerRunning(channel.localAddress?.port ?? 0) },
                           eventLoopGroupProvider: .shared(eventLoopGroup), logger: logger)
    }

    private static func serve(table: ServingTable, port: Int, home: URL, pid: Int32, started: String, portBox: PortBox,
                              status: @escaping @Sendable () -> String, logger: Logger) async throws {
        let threads = eventLoopThreads
        let group: any EventLoopGroup = threads == System.coreCount ? MultiThreadedEventLoopGroup.singleton : MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let app = application(table: table, port: port, status: status, eventLoopGroup: group, onServerRunning: { bound in
            portBox.port = bound
            try? ServingAddress.write(ServingHostRecord(pid: pid, port: bound, startedAt: started), home: home)
        }, logger: logger)
        let flusher = LogFlusher(table: table)
        let sampler = MetricsSampler(table: table, interval: MetricsHistory.interval)
        let serviceGroup = ServiceGroup(services: [app, flusher, sampler], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await serviceGroup.run()
    }
}

/// The bound port, set once the server runs.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var port: Int {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}

/// Writes queued request log lines every 200 ms, and once more at shutdown.
struct LogFlusher: Service {
    let table: ServingTable

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(200)) }
            table.flushLogs()
        }
        table.flushLogs()
    }
}
