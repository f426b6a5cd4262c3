import Foundation

/// What serverless jobs cost: each job bills `instance_count` nodes of its `resources.instance_type` (the
/// default size when none is given) from the moment it started running until it ended, at the SKU table's
/// price. One record per job, so jobs ending at the same time never overwrite each other.
public struct ServerlessUsage: Sendable {
    static let kind = "serverless_usage"
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Records one job's run on serverless compute (times on the simulated clock).
    public func record(job: String, instanceType: String?, nodes: Int, start: Date, end: Date, in target: WorkspaceTarget) throws {
        let size = instanceType.flatMap(SKUCatalogue.size(named:)) ?? SKUCatalogue.defaultVMSize
        let body: JSONValue = ["job": .string(job), "size": .string(size.name), "nodes": .int(Int64(max(1, nodes))),
                               "start": .double(start.timeIntervalSince1970), "end": .double(max(end, start).timeIntervalSince1970),
                               "hourly": .double(size.hourlyUSD)]
        try workspace.database.saveResource(kind: ServerlessUsage.kind, scope: target.scopeKey, name: job, createdAt: start, body: body.compact())
    }

    /// The serverless usage as cost lines' input: one pseudo-compute per VM size, with every job's run as a
    /// billing period (shown by `mlopslab cost` as `serverless`).
    public func history(in target: WorkspaceTarget) throws -> [(entity: JSONValue, billing: [ComputeStore.BillingPeriod], deletedAt: Date?)] {
        var bySize: [String: (jobs: Int, billing: [ComputeStore.BillingPeriod])] = [:]
        for record in try workspace.database.resources(kind: ServerlessUsage.kind, scope: target.scopeKey) {
            guard let body = JSONValue.parse(record.body), let size = body["size"]?.stringValue,
                  let start = body["start"]?.doubleValue, let end = body["end"]?.doubleValue,
                  let nodes = body["nodes"]?.intValue, let hourly = body["hourly"]?.doubleValue else { continue }
            let period = ComputeStore.BillingPeriod(start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end),
                                                    nodes: Int(nodes), hourly: hourly)
            bySize[size, default: (0, [])].jobs += 1
            bySize[size, default: (0, [])].billing.append(period)
        }
        return bySize.keys.sorted().compactMap { size in
            guard let usage = bySize[size] else { return nil }
            let entity: JSONValue = ["name": "serverless", "type": "serverless", "size": .string(size), "tier": "dedicated",
                                     "note": .string("\(usage.jobs) job\(usage.jobs == 1 ? "" : "s"), billed for their run time")]
            return (entity, usage.billing, nil)
        }
    }
}
