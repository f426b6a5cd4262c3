import Foundation
import Workspace

/// One provisioned deployment loaded in the host: its model (or Python worker), limits, metrics,
/// request log and data collector.
public final class DeploymentRuntime: @unchecked Sendable {
    public let endpoint: String
    public let name: String
    /// The stored body this runtime was built from (a change rebuilds it).
    let fingerprint: String
    let scorer: ModelScorer?
    let worker: PythonScoringWorker?
    /// Requests in flight allowed: 2 x max_concurrent_requests_per_instance x instance_count, as the service queues.
    public let maxInFlight: Int
    public let requestTimeoutMs: Int
    public let metrics = DeploymentMetrics()
    let collector: DataCollector
    let log: DeploymentLog
    private let lock = NSLock()
    private var inFlight = 0
    private var pendingLines: [String] = []

    init(endpoint: String, name: String, fingerprint: String, body: JSONValue, folder: URL, home: URL, workspaceName: String) throws {
        self.endpoint = endpoint
        self.name = name
        self.fingerprint = fingerprint
        let settings = body["request_settings"]
        let perInstance = Int(settings?["max_concurrent_requests_per_instance"]?.intValue ?? 1)
        maxInFlight = max(1, 2 * perInstance * Int(body["instance_count"]?.intValue ?? 1))
        requestTimeoutMs = Int(settings?["request_timeout_ms"]?.intValue ?? 5000)
        let modelFolder = folder.appendingPathComponent("model")
        if let script = body["code_configuration"]?["scoring_script"]?.stringValue {
            worker = try PythonScoringWorker(codeFolder: folder.appendingPathComponent("code"), script: script, modelFolder: modelFolder)
            scorer = nil
        } else {
            scorer = try ModelScorer.load(folder: modelFolder)
            worker = nil
        }
        collector = DataCollector(home: home, workspace: workspaceName, endpoint: endpoint, deployment: name, settings: body["data_collector"] ?? .null)
        log = DeploymentLog(deploymentFolder: folder)
    }

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
    func score(_ text: String) throws(ScoringError) -> (body: String, scored: ScoredRequest?) {
        if let scorer {
            let scored = try scorer.score(text)
            return (scored.body, scored)
        }
        if let worker { return (try worker.run(text), nil) }
        throw ScoringError(status: 502, code: "NOT_READY", message: "The deployment has no model loaded.")
    }

    /// Queues one access-log line (`POST /score 200 0.412ms`); written by `flushLog`.
    func logRequest(_ line: String) {
        lock.lock()
        if pendingLines.count < 100_000 { pendingLines.append(line) }
        lock.unlock()
    }

    /// Writes queued log lines to the inference-server log.
    func flushLog() {
        lock.lock()
        let lines = pendingLines
        pendingLines.removeAll(keepingCapacity: true)
        lock.unlock()
        log.append("inference-server", lines)
    }

    func stop() {
        flushLog()
        worker?.stop()
    }
}

/// One endpoint as the host routes it.
public struct EndpointRuntime: Sendable {
    public var name: String
    public var workspaceName: String
    public var authMode: String
    /// Accepted bearer credentials (primary and secondary key, or the token).
    public var credentials: Set<String>
    /// Positive-weight deployments in name order, with cumulative weights for routing.
    public var traffic: [(name: String, weight: Int)]
    public var mirror: (name: String, percent: Int)?
    public var deployments: [String: DeploymentRuntime]

    /// Picks a deployment by weight for a draw in 0..<100; nil when no deployment takes traffic (404).
    public func route(draw: Int) -> DeploymentRuntime? {
        var cumulative = 0
        for entry in traffic {
            cumulative += entry.weight
            if draw < cumulative { return deployments[entry.name] }
        }
        return nil
    }
}
