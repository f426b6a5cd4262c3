import Foundation

/// Cost of each compute and online deployment over simulated time, from billing periods and the SKU table.
public struct CostReport: Sendable, Equatable {
    /// One priced resource.
    public struct Line: Sendable, Equatable {
        public var resource: String
        public var type: String
        public var size: String
        public var tier: String
        public var nodeHours: Double
        public var costUSD: Double
        public var note: String
    }

    public var lines: [Line]
    public var totalUSD: Double { lines.reduce(0) { $0 + $1.costUSD } }

    /// Prices compute and online deployments together (compute first, then deployments, each by name).
    public static func workspace(computes: [(entity: JSONValue, billing: [ComputeStore.BillingPeriod], deletedAt: Date?)],
                                 deployments: [DeploymentBilling.Entry], now: Date) -> CostReport {
        CostReport(lines: compute(history: computes, now: now).lines + self.deployments(deployments, now: now).lines)
    }

    /// Prices online deployments: instance_count VMs of instance_type for every hour each existed, up to `now`.
    public static func deployments(_ entries: [DeploymentBilling.Entry], now: Date) -> CostReport {
        let lines = entries.map { entry -> Line in
            let (nodeHours, cost) = price(entry.billing, now: now)
            let instances = "\(entry.instanceCount) instance\(entry.instanceCount == 1 ? "" : "s")"
            return Line(resource: "\(entry.endpoint)/\(entry.deployment)", type: "online-deployment", size: entry.instanceType.uppercased(),
                        tier: "dedicated", nodeHours: nodeHours, costUSD: cost, note: entry.deletedAt == nil ? instances : "deleted")
        }
        return CostReport(lines: lines.sorted { $0.resource < $1.resource })
    }

    /// Node-hours and USD of billing periods up to `now` (open periods run until `now`).
    static func price(_ billing: [ComputeStore.BillingPeriod], now: Date) -> (nodeHours: Double, cost: Double) {
        var nodeHours = 0.0, cost = 0.0
        for period in billing {
            let end = min(period.end ?? now, now)
            let hours = max(0, end.timeIntervalSince(period.start)) / 3600
            nodeHours += hours * Double(period.nodes)
            cost += hours * Double(period.nodes) * period.hourly
        }
        return (nodeHours, cost)
    }

    /// Prices billing periods up to `now` (open periods run until `now`).
    public static func compute(history: [(entity: JSONValue, billing: [ComputeStore.BillingPeriod], deletedAt: Date?)], now: Date) -> CostReport {
        let lines = history.map { item -> Line in
            let (nodeHours, cost) = price(item.billing, now: now)
            let entity = item.entity
            let type = entity["type"]?.stringValue ?? "?"
            var note = ""
            if let given = entity["note"]?.stringValue { note = given } else if item.deletedAt != nil { note = "deleted" } else if type == "amlcompute" {
                let minimum = entity["min_instances"]?.intValue ?? 0
                note = minimum > 0 ? "\(minimum) idle node(s) always on (min_instances \(minimum))" : "scales to zero when idle"
            } else {
                note = entity["state"]?.stringValue ?? ""
            }
            return Line(resource: entity["name"]?.stringValue ?? "?", type: type, size: entity["size"]?.stringValue ?? "?",
                        tier: entity["tier"]?.stringValue ?? "dedicated", nodeHours: nodeHours, costUSD: cost, note: note)
        }
        return CostReport(lines: lines.sorted { $0.resource < $1.resource })
    }
}
