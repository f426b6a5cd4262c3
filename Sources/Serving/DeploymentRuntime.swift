import Foundation
import NIOCore
import Workspace

/// One provisioned deployment loaded in the host: its model (or Python worker), limits, metrics,
/// request log and data collector.
public final class DeploymentRuntime: @unchecked Sendable {
    public let endpoint: String
    public let name: String
    /// The stored body this runtime was built from (a change rebuilds it).
    let fingerprint: String
    let scorer: ModelScorer?
    /// The allocation-light path for all-numeric models (nil with data collection, which needs the parsed rows).
    let numeric: NumericScorer?
    let worker: PythonScoringWorker?
    /// Requests in flight allowed: 2 x max_concurrent_requests_per_instance x instance_count, as the service queues.
    public let maxInFlight: Int
    public let requestTimeoutMs: Int
    public let metrics: DeploymentMetrics
    let collector: DataCollector
    let log: DeploymentLog
    /// The deployment name as a response header value.
    let headerValue: String
    private let lock = NSLock()
    private var inFlight = 0
    private var pendingLines: [RequestLogEntry] = []

    init(endpoint: String, name: String, fingerprint: String, body: JSONValue, folder: URL, home: URL, workspaceName: String,
         metrics: DeploymentMetrics = DeploymentMetrics()) throws {
        self.endpoint = endpoint
        self.name = name
        self.fingerprint = fingerprint
        self.metrics = metrics
        headerValue = name
        let settings = body["request_settings"]
        let perInstance = Int(settings?["max_concurrent_requests_per_instance"]?.intValue ?? 1)
        maxInFlight = max(1, 2 * perInstance * Int(body["instance_count"]?.intValue ?? 1))
        requestTimeoutMs = max(1, Int(settings?["request_timeout_ms"]?.intValue ?? 5000))
        let modelFolder = folder.appendingPathComponent("model")
        collector = DataCollector(home: home, workspace: workspaceName, endpoint: endpoint, deployment: name, settings: body["data_collector"] ?? .null)
        if let script = body["code_configuration"]?["scoring_script"]?.stringValue {
            worker = try PythonScoringWorker(codeFolder: folder.appendingPathComponent("code"), script: script, modelFolder: modelFolder)
            scorer = nil
            numeric = nil
        } else {
            let loaded = try ModelScorer.load(folder: modelFolder)
            scorer = loaded
            numeric = collector.isEnabled ? nil : NumericScorer(model: loaded.model)
            worker = nil
        }
        log = DeploymentLog(deploymentFolder: folder)
    }

    /// Whether requests are scored in the host process (an MLflow/mlopslab model), not by a Python worker.
    var scoresInProcess: Bool { scorer != nil }

    /// Reserves a slot; false when the deployment is already at its limit (429).
    func enter() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard inFlight < maxInFlight else { return false }
        inFlight += 1
        return true
    }

    func leave() {
        lock.lock()
        inFlight -= 1
        lock.unlock()
    }

    /// Scores a body: the response text, and the rows for data collection when the model is in-process.
    /// The Python worker is not called here (it blocks): see `ScoringRouter`.
    func score(_ text: String) throws(ScoringError) -> (body: String, scored: ScoredRequest?) {
        if let scorer {
            let scored = try scorer.score(text)
            return (scored.body, scored)
        }
        if let worker { return (try worker.run(text), nil) }
        throw ScoringError(status: 502, code: "NOT_READY", message: "The deployment has no model loaded.")
    }

    /// Scores a body in-process (numeric fast path when it applies, else the general path with data collection):
    /// the answer's status and body. Never called for a Python deployment.
    func scoreInProcess(_ body: ByteBuffer, allocator: ByteBufferAllocator, collectedAt time: () -> Date,
                        correlationId: () -> String = { UUID().uuidString.lowercased() }) -> (status: Int, body: ByteBuffer) {
        if let numeric {
            var out = allocator.buffer(capacity: 64)
            let answered = body.withUnsafeReadableBytes { numeric.score($0, into: &out) }
            if answered { return (200, out) }
        }
        do {
            let result = try score(String(buffer: body))
            if let scored = result.scored, collector.isEnabled {
                collector.collect(payload: scored.payload, outputs: scored.outputs, correlationId: correlationId(), at: time())
            }
            return (200, allocator.buffer(string: result.body))
        } catch {
            return (error.status, allocator.buffer(string: error.body))
        }
    }

    /// Queues one access-log entry (`POST /score 200 0.412ms`); formatted and written by `flushLog`, off the request path.
    func logRequest(status: Int, nanoseconds: UInt64, mirrored: Bool) {
        let entry = RequestLogEntry(wallTime: Date().timeIntervalSince1970, status: Int16(truncatingIfNeeded: status),
                                    micros: Int64(nanoseconds / 1000), mirrored: mirrored)
        lock.lock()
        if pendingLines.count < 100_000 { pendingLines.append(entry) }
        lock.unlock()
    }

    /// Writes queued log lines to the inference-server log, timed on the simulated clock (`clockOffset`).
    func flushLog(clockOffset: TimeInterval) {
        lock.lock()
        guard !pendingLines.isEmpty else { lock.unlock(); return }
        let entries = pendingLines
        pendingLines.removeAll(keepingCapacity: true)
        lock.unlock()
        let pid = getpid()
        log.append("inference-server", entries.map { $0.line(pid: pid, clockOffset: clockOffset) })
    }

    func stop(clockOffset: TimeInterval) {
        flushLog(clockOffset: clockOffset)
        worker?.stop()
    }
}

/// One answered request as the access log records it.
struct RequestLogEntry: Sendable {
    var wallTime: Double
    var status: Int16
    var micros: Int64
    var mirrored: Bool

    /// `2022-12-24 07:37:53,318 I [32756] azmlinfsrv - POST /score 200 0.412ms`.
    func line(pid: Int32, clockOffset: TimeInterval) -> String {
        let fraction = String(micros % 1000)
        let ms = "\(micros / 1000).\(String(repeating: "0", count: max(0, 3 - fraction.count)))\(fraction)"
        return DeploymentLog.line(Date(timeIntervalSince1970: wallTime + clockOffset), pid: pid, logger: "azmlinfsrv",
                                  "POST /score \(status) \(ms)ms\(mirrored ? " (mirrored, response discarded)" : "")")
    }
}

/// One endpoint as the host routes it.
public struct EndpointRuntime: Sendable {
    public var name: String
    public var workspaceName: String
    public var authMode: String
    /// Accepted bearer credentials (primary and secondary key, or the token).
    public var credentials: Set<String> {
        didSet { bearers = Set(credentials.map { "Bearer " + $0 }) }
    }
    /// `Bearer <credential>` for each credential: the Authorization header compared without building a string.
    private(set) var bearers: Set<String> = []
    /// Positive-weight deployments in name order, with cumulative weights for routing.
    public var traffic: [(name: String, weight: Int)]
    public var mirror: (name: String, percent: Int)?
    public var deployments: [String: DeploymentRuntime]

    public init(name: String, workspaceName: String, authMode: String, credentials: Set<String>, traffic: [(name: String, weight: Int)],
                mirror: (name: String, percent: Int)?, deployments: [String: DeploymentRuntime]) {
        self.name = name
        self.workspaceName = workspaceName
        self.authMode = authMode
        self.credentials = credentials
        bearers = Set(credentials.map { "Bearer " + $0 })
        self.traffic = traffic
        self.mirror = mirror
        self.deployments = deployments
    }

    /// Whether an Authorization header value carries one of the endpoint's credentials.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        return bearers.contains(authorization)
    }

    /// Whether every deployment is scored in-process (the host then answers this endpoint on the event loop).
    var scoresInProcess: Bool { deployments.values.allSatisfy(\.scoresInProcess) }

    /// Picks a deployment by weight for a draw in 0..<100; nil when no deployment takes traffic (404).
    public func route(draw: Int) -> DeploymentRuntime? {
        var cumulative = 0
        for entry in traffic {
            cumulative += entry.weight
            if draw < cumulative { return deployments[entry.name] }
        }
        return nil
    }

    /// Whether routing needs a random draw (more than one deployment shares the traffic, or the weights sum below 100).
    var needsDraw: Bool { !(traffic.count == 1 && traffic[0].weight >= 100) }
}
