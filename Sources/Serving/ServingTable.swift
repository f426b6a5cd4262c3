import Atomics
import Foundation
import Store
import Workspace

/// Everything the host serves, rebuilt from the state database on start and on every reload. Deployments
/// whose stored body did not change keep their loaded model, worker and metrics.
public final class ServingTable: @unchecked Sendable {
    public let home: URL
    private let lock = NSLock()
    private var endpoints: [String: EndpointRuntime] = [:]
    private var clockOffset: TimeInterval = 0
    private var workspace: Workspace?
    /// Metrics of each `endpoint/deployment`, kept across re-provisioning while the host runs.
    private var metricsByDeployment: [String: DeploymentMetrics] = [:]
    /// Deployments that failed to load in the host, with the reason (shown by `serve status`).
    public private(set) var loadFailures: [String: String] = [:]
    /// Scoring requests answered on the event loop by `ScoringFastPath` (the rest went through the router).
    public let fastPathAnswers = ManagedAtomic<Int>(0)
    /// The host's Prometheus registry (through swift-metrics), rendered at `/metrics`.
    public let exporter = MetricsExporter()

    public init(home: URL) { self.home = home }

    /// The simulated clock's offset from real time, as last read.
    public var clockOffsetSeconds: TimeInterval {
        lock.lock()
        defer { lock.unlock() }
        return clockOffset
    }

    private func metrics(endpoint: String, deployment: String) -> DeploymentMetrics {
        lock.lock()
        defer { lock.unlock() }
        if let existing = metricsByDeployment["\(endpoint)/\(deployment)"] { return existing }
        let created = DeploymentMetrics(endpoint: endpoint, deployment: deployment, factory: exporter.factory)
        metricsByDeployment["\(endpoint)/\(deployment)"] = created
        return created
    }

    /// The endpoint named in the URL.
    public func endpoint(_ name: String) -> EndpointRuntime? {
        lock.lock()
        defer { lock.unlock() }
        return endpoints[name]
    }

    /// All endpoints, by name.
    public func all() -> [EndpointRuntime] {
        lock.lock()
        defer { lock.unlock() }
        return endpoints.values.sorted { $0.name < $1.name }
    }

    /// Simulated time now (the offset is re-read on every reload).
    public func simulatedNow() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return Date().addingTimeInterval(clockOffset)
    }

    /// Simulated time now with the clock offset read afresh (`mlopslab clock advance` and traffic replays move it
    /// while the host runs); used to time collected data.
    public func currentSimulatedTime() -> Date {
        lock.lock()
        let handle = workspace
        lock.unlock()
        guard let handle, let offset = try? handle.clock.offset() else { return simulatedNow() }
        lock.lock()
        clockOffset = offset
        lock.unlock()
        return Date().addingTimeInterval(offset)
    }

    /// Rebuilds the table from the state database.
    public func reload() throws {
        let workspace = try Workspace(home: home)
        let offset = try workspace.clock.offset()
        var previous: [String: DeploymentRuntime] = [:]
        for endpoint in all() { for (name, runtime) in endpoint.deployments { previous["\(endpoint.name)/\(name)"] = runtime } }
        var next: [String: EndpointRuntime] = [:]
        var failures: [String: String] = [:]
        for group in try workspace.database.resources(kind: "group", scope: Workspace.subscriptionId, parent: "") {
            for wsRecord in try workspace.database.resources(kind: "workspace", scope: group.name, parent: "") {
                let target = WorkspaceTarget(subscriptionId: Workspace.subscriptionId, resourceGroup: group.name, workspaceName: wsRecord.name, location: "")
                for record in try workspace.database.resources(kind: "online-endpoint", scope: target.scopeKey, parent: "") {
                    guard let body = JSONValue.parse(record.body), next[record.name] == nil else { continue }
                    var runtime = EndpointRuntime(name: record.name, workspaceName: wsRecord.name, authMode: body["auth_mode"]?.stringValue ?? "key",
                                                  credentials: Set([body["_keys"]?["primary"]?.stringValue, body["_keys"]?["secondary"]?.stringValue].compactMap { $0 }),
                                                  traffic: [], mirror: nil, deployments: [:])
                    if runtime.authMode == "aml_token", let token = body["_keys"]?["primary"]?.stringValue { runtime.credentials = [token] }
                    for deployment in try OnlineDeploymentStore(workspace: workspace).records(endpoint: record.name, in: target) {
                        guard deployment["provisioning_state"]?.stringValue == "Succeeded", let name = deployment["name"]?.stringValue else { continue }
                        let folder = ServingAddress.deploymentFolder(home: home, scope: target.scopeKey, endpoint: record.name, deployment: name)
                        // Every provisioning writes a new revision: an update with the same YAML but new code or model files restarts the runtime.
                        let fingerprint = deployment.compact() + DeploymentProvisioner.revision(of: folder)
                        if let old = previous["\(record.name)/\(name)"], old.fingerprint == fingerprint {
                            runtime.deployments[name] = old
                            previous["\(record.name)/\(name)"] = nil
                            continue
                        }
                        do {
                            runtime.deployments[name] = try DeploymentRuntime(endpoint: record.name, name: name, fingerprint: fingerprint, body: deployment,
                                                                               folder: folder, home: home, workspaceName: wsRecord.name,
                                                                               metrics: metrics(endpoint: record.name, deployment: name))
                        } catch {
                            failures["\(record.name)/\(name)"] = (error as? WorkspaceError)?.message ?? "\(error)"
                        }
                    }
                    for (name, weight) in (body["traffic"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                        if let w = weight.intValue, w > 0 { runtime.traffic.append((name, Int(w))) }
                    }
                    if let (name, percent) = (body["mirror_traffic"]?.objectValue ?? [:]).first(where: { ($0.value.intValue ?? 0) > 0 }) {
                        runtime.mirror = (name, Int(percent.intValue ?? 0))
                    }
                    next[record.name] = runtime
                }
            }
        }
        var live = Set<String>()
        for endpoint in next.values { for name in endpoint.deployments.keys { live.insert("\(endpoint.name)/\(name)") } }
        lock.lock()
        endpoints = next
        clockOffset = offset
        self.workspace = workspace
        loadFailures = failures
        let gone = metricsByDeployment.filter { !live.contains($0.key) }
        for key in gone.keys { metricsByDeployment[key] = nil }
        lock.unlock()
        for stale in previous.values { stale.stop(clockOffset: offset) }
        for metrics in gone.values { metrics.destroy() }
    }

    /// Writes every deployment's queued request log lines.
    public func flushLogs() {
        let offset = clockOffsetSeconds
        for endpoint in all() { for runtime in endpoint.deployments.values { runtime.flushLog(clockOffset: offset) } }
    }

    /// Stops workers and flushes logs (host shutdown).
    public func shutdown() {
        let offset = clockOffsetSeconds
        for endpoint in all() { for runtime in endpoint.deployments.values { runtime.stop(clockOffset: offset) } }
    }
}
