import Foundation
import Store

/// What online deployments cost: a managed online deployment bills `instance_count` VMs of its
/// `instance_type` for every hour it exists, at the same SKU prices as compute (`SKUCatalogue`), on the
/// simulated clock. Billing periods are kept in their own record (`online-deployment-billing`,
/// `<endpoint>/<deployment>`), so a deleted deployment (or endpoint) still shows what it cost.
public struct DeploymentBilling: Sendable {
    static let kind = "online-deployment-billing"
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One deployment's bill.
    public struct Entry: Sendable, Equatable {
        public var endpoint: String
        public var deployment: String
        public var instanceType: String
        public var instanceCount: Int
        public var billing: [ComputeStore.BillingPeriod]
        public var deletedAt: Date?
    }

    /// A deployment was created (or re-created under the same name: earlier periods are kept).
    func opened(endpoint: String, deployment: String, instanceType: String, count: Int, in target: WorkspaceTarget) throws {
        let now = try workspace.clock.now()
        var entry = try load(endpoint: endpoint, deployment: deployment, in: target)
            ?? Entry(endpoint: endpoint, deployment: deployment, instanceType: instanceType, instanceCount: count, billing: [], deletedAt: nil)
        try startPeriod(&entry, at: now, instanceType: instanceType, count: count, in: target)
    }

    /// A deployment's instance_type or instance_count changed: the open period ends, a new one starts.
    func changed(endpoint: String, deployment: String, instanceType: String, count: Int, in target: WorkspaceTarget) throws {
        guard var entry = try load(endpoint: endpoint, deployment: deployment, in: target) else {
            try opened(endpoint: endpoint, deployment: deployment, instanceType: instanceType, count: count, in: target)
            return
        }
        guard entry.instanceType.caseInsensitiveCompare(instanceType) != .orderedSame || entry.instanceCount != count || entry.deletedAt != nil else { return }
        let now = try workspace.clock.now()
        try startPeriod(&entry, at: now, instanceType: instanceType, count: count, in: target)
    }

    /// Ends the open period and starts one at the new size.
    private func startPeriod(_ entry: inout Entry, at now: Date, instanceType: String, count: Int, in target: WorkspaceTarget) throws {
        entry.billing = ComputeStore.close(entry.billing, at: now)
        entry.billing.append(period(start: now, instanceType: instanceType, count: count))
        entry.instanceType = instanceType
        entry.instanceCount = count
        entry.deletedAt = nil
        try save(entry, in: target)
    }

    /// A deployment was deleted: its open period ends now.
    func closed(endpoint: String, deployment: String, in target: WorkspaceTarget) throws {
        guard var entry = try load(endpoint: endpoint, deployment: deployment, in: target), entry.deletedAt == nil else { return }
        let now = try workspace.clock.now()
        entry.billing = ComputeStore.close(entry.billing, at: now)
        entry.deletedAt = now
        try save(entry, in: target)
    }

    /// Every deployment ever created in the workspace, deleted ones included. A deployment stored before
    /// billing records existed is billed from its creation time.
    public func history(in target: WorkspaceTarget) throws -> [Entry] {
        var entries: [String: Entry] = [:]
        for record in try workspace.database.resources(kind: DeploymentBilling.kind, scope: target.scopeKey) {
            if let entry = DeploymentBilling.decode(record) { entries[record.name] = entry }
        }
        for record in try workspace.database.resources(kind: OnlineDeploymentStore.kind, scope: target.scopeKey) where entries[record.name] == nil {
            guard let body = JSONValue.parse(record.body), let name = body["name"]?.stringValue else { continue }
            let type = body["instance_type"]?.stringValue ?? SKUCatalogue.defaultSize
            let count = Int(body["instance_count"]?.intValue ?? 1)
            entries[record.name] = Entry(endpoint: record.parent, deployment: name, instanceType: type, instanceCount: count,
                                         billing: [period(start: record.createdAt, instanceType: type, count: count)], deletedAt: nil)
        }
        return entries.values.sorted { ($0.endpoint, $0.deployment) < ($1.endpoint, $1.deployment) }
    }

    func period(start: Date, instanceType: String, count: Int) -> ComputeStore.BillingPeriod {
        ComputeStore.BillingPeriod(start: start, end: nil, nodes: count, hourly: SKUCatalogue.size(named: instanceType)?.hourlyUSD ?? 0)
    }

    // MARK: Storage

    func load(endpoint: String, deployment: String, in target: WorkspaceTarget) throws -> Entry? {
        try workspace.database.resource(kind: DeploymentBilling.kind, scope: target.scopeKey, name: "\(endpoint)/\(deployment)").flatMap(DeploymentBilling.decode)
    }

    func save(_ entry: Entry, in target: WorkspaceTarget) throws {
        let periods: [JSONValue] = entry.billing.map { period in
            ["start": .double(period.start.timeIntervalSince1970), "end": period.end.map { .double($0.timeIntervalSince1970) } ?? .null,
             "nodes": .int(Int64(period.nodes)), "hourly": .double(period.hourly)]
        }
        let body: JSONValue = ["endpoint": .string(entry.endpoint), "deployment": .string(entry.deployment), "instance_type": .string(entry.instanceType),
                               "instance_count": .int(Int64(entry.instanceCount)), "billing": .array(periods),
                               "deleted_at": entry.deletedAt.map { .double($0.timeIntervalSince1970) } ?? .null]
        try workspace.database.saveResource(kind: DeploymentBilling.kind, scope: target.scopeKey, name: "\(entry.endpoint)/\(entry.deployment)",
                                            createdAt: entry.billing.first?.start ?? (try workspace.clock.now()), body: body.compact(), parent: entry.endpoint)
    }

    static func decode(_ record: WorkspaceRecord) -> Entry? {
        guard let body = JSONValue.parse(record.body), let endpoint = body["endpoint"]?.stringValue, let deployment = body["deployment"]?.stringValue else { return nil }
        let billing = (body["billing"]?.arrayValue ?? []).compactMap { item -> ComputeStore.BillingPeriod? in
            guard let start = item["start"]?.doubleValue, let nodes = item["nodes"]?.intValue, let hourly = item["hourly"]?.doubleValue else { return nil }
            return ComputeStore.BillingPeriod(start: Date(timeIntervalSince1970: start), end: item["end"]?.doubleValue.map { Date(timeIntervalSince1970: $0) },
                                              nodes: Int(nodes), hourly: hourly)
        }
        return Entry(endpoint: endpoint, deployment: deployment, instanceType: body["instance_type"]?.stringValue ?? SKUCatalogue.defaultSize,
                     instanceCount: Int(body["instance_count"]?.intValue ?? 1), billing: billing,
                     deletedAt: body["deleted_at"]?.doubleValue.map { Date(timeIntervalSince1970: $0) })
    }
}
