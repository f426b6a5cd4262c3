import Foundation
import Store

/// Compute targets of a workspace (AmlCompute clusters and compute instances) with the billing
/// periods their nodes run for, so `mlopslab cost` can price them over simulated time.
public struct ComputeStore: Sendable {
    static let kind = "compute"
    /// Nodes a cluster may have at most (the simulated subscription's quota).
    public static let quotaNodes = 100
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One period during which `nodes` nodes were billed at `hourly` USD each.
    public struct BillingPeriod: Sendable, Equatable {
        public var start: Date
        public var end: Date?
        public var nodes: Int
        public var hourly: Double
    }

    /// Creates a compute (a duplicate name is an error, as the service refuses it).
    public func create(_ request: ComputeRequest, in target: WorkspaceTarget) throws -> JSONValue {
        guard ["amlcompute", "computeinstance"].contains(request.type) else {
            if ["kubernetes", "virtualmachine"].contains(request.type) { throw WorkspaceError.notSimulated("\(request.type) compute") }
            throw WorkspaceError.invalidArgument("invalid compute type '\(request.type)': use AmlCompute or ComputeInstance")
        }
        try ComputeStore.checkName(request.name, type: request.type)
        let sizeName = request.size ?? SKUCatalogue.defaultSize
        guard let size = SKUCatalogue.size(named: sizeName) else {
            let known = SKUCatalogue.sizes.map(\.name).joined(separator: ", ")
            throw WorkspaceError.failed("(InvalidPropertyValue) The specified VM size '\(sizeName)' is not available in this simulated region. Known sizes: \(known).")
        }
        if let existing = try workspace.database.resource(kind: ComputeStore.kind, scope: target.scopeKey, name: request.name),
           JSONValue.parse(existing.body)?["deleted_at"] == nil || JSONValue.parse(existing.body)?["deleted_at"] == .null {
            throw WorkspaceError.failed("(UserError) Compute with name \(request.name) already exists in \(target.displayName). Choose another name, or use `az ml compute update`.")
        }
        let now = try workspace.clock.now()
        let tier = request.tier?.lowercased() ?? "dedicated"
        guard ["dedicated", "low_priority"].contains(tier) else {
            throw WorkspaceError.invalidArgument("invalid --tier '\(request.tier ?? "")': use dedicated or low_priority")
        }
        var entity: [String: JSONValue] = [
            "id": .string("\(target.armId)/computes/\(request.name)"),
            "location": .string(request.location ?? target.location),
            "name": .string(request.name),
            "provisioning_state": "Succeeded",
            "resourceGroup": .string(target.resourceGroup),
            "size": .string(size.name),
            "tags": request.tags,
            "type": .string(request.type),
            "network_settings": [:],
        ]
        if let description = request.description { entity["description"] = .string(description) }
        if let identity = try identityEntity(request.identity, computeId: "\(target.armId)/computes/\(request.name)") { entity["identity"] = identity }
        var billing: [BillingPeriod] = []
        if request.type == "amlcompute" {
            let minimum = request.minInstances ?? 0, maximum = request.maxInstances ?? 4
            guard maximum <= ComputeStore.quotaNodes else {
                throw WorkspaceError.failed("(QuotaExceeded) max_instances \(maximum) is above this simulated subscription's quota of \(ComputeStore.quotaNodes) nodes per cluster.")
            }
            guard minimum >= 0, maximum >= 1, minimum <= maximum else {
                throw WorkspaceError.invalidArgument("invalid scale settings: need 0 <= --min-instances <= --max-instances and --max-instances >= 1 (got min \(minimum), max \(maximum))")
            }
            let idle = request.idleSeconds ?? 120
            guard idle >= 0 else { throw WorkspaceError.invalidArgument("--idle-time-before-scale-down must be a number of seconds >= 0") }
            entity["min_instances"] = .int(Int64(minimum))
            entity["max_instances"] = .int(Int64(maximum))
            entity["idle_time_before_scale_down"] = .int(Int64(idle))
            entity["tier"] = .string(tier)
            entity["ssh_public_access_enabled"] = false
            if minimum > 0 { billing.append(BillingPeriod(start: now, end: nil, nodes: minimum, hourly: SKUCatalogue.hourlyPrice(size, tier: tier))) }
        } else {
            entity["state"] = "Running"
            entity["ssh_public_access_enabled"] = false
            entity["last_operation"] = ["operation_name": "Create", "operation_status": "Succeeded", "operation_time": .string(SimulatedClock.isoString(now))]
            entity["services"] = [
                ["display_name": "Jupyter", "endpoint_uri": .string("https://\(request.name).\(target.location).instances.azureml.ms/tree/")],
                ["display_name": "Jupyter Lab", "endpoint_uri": .string("https://\(request.name).\(target.location).instances.azureml.ms/lab")],
            ]
            billing.append(BillingPeriod(start: now, end: nil, nodes: 1, hourly: size.hourlyUSD))
        }
        let previous = try previousBilling(name: request.name, in: target)
        try save(entity: .object(entity), billing: previous + billing, deletedAt: nil, name: request.name, createdAt: now, in: target)
        return .object(entity)
    }

    /// One compute by name.
    public func show(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        try load(name, in: target).entity
    }

    /// Every compute of the workspace (optionally of one type), sorted by name.
    public func list(type: String?, in target: WorkspaceTarget) throws -> [JSONValue] {
        try workspace.database.resources(kind: ComputeStore.kind, scope: target.scopeKey).compactMap { record -> (String, JSONValue)? in
            guard let parsed = try? ComputeStore.decode(record), parsed.deletedAt == nil else { return nil }
            if let type, parsed.entity["type"]?.stringValue != type.lowercased() { return nil }
            return (record.name, parsed.entity)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Starts or stops a compute instance (clusters scale on their own and cannot be started or stopped).
    public func setRunning(_ name: String, running: Bool, in target: WorkspaceTarget) throws -> JSONValue {
        var loaded = try load(name, in: target)
        guard loaded.entity["type"]?.stringValue == "computeinstance" else {
            throw WorkspaceError.failed("(UserError) \(running ? "Start" : "Stop") is only supported for compute instances; '\(name)' is an AmlCompute cluster, which scales between min_instances and max_instances by itself.")
        }
        let now = try workspace.clock.now()
        let state = loaded.entity["state"]?.stringValue
        if running, state == "Running" { return loaded.entity }
        if !running, state == "Stopped" { return loaded.entity }
        if running {
            let size = SKUCatalogue.size(named: loaded.entity["size"]?.stringValue ?? "") ?? SKUCatalogue.defaultVMSize
            loaded.billing.append(BillingPeriod(start: now, end: nil, nodes: 1, hourly: size.hourlyUSD))
        } else {
            loaded.billing = ComputeStore.close(loaded.billing, at: now)
        }
        loaded.entity = loaded.entity.setting("state", .string(running ? "Running" : "Stopped"))
            .setting("last_operation", ["operation_name": .string(running ? "Start" : "Stop"), "operation_status": "Succeeded", "operation_time": .string(SimulatedClock.isoString(now))])
        try save(entity: loaded.entity, billing: loaded.billing, deletedAt: nil, name: name, createdAt: loaded.record.createdAt, in: target)
        return loaded.entity
    }

    /// Changes a cluster's scale settings; a new min_instances starts a new billing period.
    public func update(_ name: String, minInstances: Int?, maxInstances: Int?, idleSeconds: Int?, tags: JSONValue?, identity: JSONValue? = nil,
                       in target: WorkspaceTarget) throws -> JSONValue {
        var loaded = try load(name, in: target)
        var entity = loaded.entity
        if let tags { entity = entity.setting("tags", tags) }
        if let identity {
            if let built = try identityEntity(identity, computeId: entity["id"]?.stringValue ?? name) { entity = entity.setting("identity", built) } else {
                var fields = entity.objectValue ?? [:]
                fields["identity"] = nil
                entity = .object(fields)
            }
        }
        if minInstances != nil || maxInstances != nil || idleSeconds != nil {
            guard entity["type"]?.stringValue == "amlcompute" else {
                throw WorkspaceError.invalidArgument("--min-instances, --max-instances and --idle-time-before-scale-down apply to AmlCompute clusters only")
            }
            let minimum = minInstances ?? Int(entity["min_instances"]?.intValue ?? 0)
            let maximum = maxInstances ?? Int(entity["max_instances"]?.intValue ?? 4)
            guard maximum <= ComputeStore.quotaNodes else {
                throw WorkspaceError.failed("(QuotaExceeded) max_instances \(maximum) is above this simulated subscription's quota of \(ComputeStore.quotaNodes) nodes per cluster.")
            }
            guard minimum >= 0, maximum >= 1, minimum <= maximum else {
                throw WorkspaceError.invalidArgument("invalid scale settings: need 0 <= min_instances <= max_instances and max_instances >= 1 (got min \(minimum), max \(maximum))")
            }
            if let idleSeconds { entity = entity.setting("idle_time_before_scale_down", .int(Int64(idleSeconds))) }
            let oldMinimum = Int(entity["min_instances"]?.intValue ?? 0)
            entity = entity.setting("min_instances", .int(Int64(minimum))).setting("max_instances", .int(Int64(maximum)))
            if minimum != oldMinimum {
                let now = try workspace.clock.now()
                loaded.billing = ComputeStore.close(loaded.billing, at: now)
                if minimum > 0, let size = SKUCatalogue.size(named: entity["size"]?.stringValue ?? "") {
                    loaded.billing.append(BillingPeriod(start: now, end: nil, nodes: minimum, hourly: SKUCatalogue.hourlyPrice(size, tier: entity["tier"]?.stringValue ?? "dedicated")))
                }
            }
        }
        try save(entity: entity, billing: loaded.billing, deletedAt: nil, name: name, createdAt: loaded.record.createdAt, in: target)
        return entity
    }

    /// The compute's `identity` as az shows it: a system-assigned identity gets a principal id of its own; a
    /// user-assigned one must exist (`az identity create`) and is listed with its client and principal ids.
    func identityEntity(_ requested: JSONValue?, computeId: String) throws -> JSONValue? {
        guard let requested, requested != .null else { return nil }
        let type = (requested["type"]?.stringValue ?? "").lowercased()
        if type == "none" || type.isEmpty { return nil }
        var entity: [String: JSONValue] = ["type": .string(type)]
        if type.contains("system_assigned") {
            entity["principal_id"] = .string(Workspace.stableGuid("compute-mi-\(computeId.lowercased())"))
            entity["tenant_id"] = .string(Workspace.tenantId)
        }
        if type.contains("user_assigned") {
            let directory = DirectoryStore(workspace: workspace)
            let listed = try requested["user_assigned_identities"]?.arrayValue ?? []
            guard !listed.isEmpty else {
                throw WorkspaceError.invalidArgument("identity type user_assigned needs user_assigned_identities: [{resource_id: <identity id>}]")
            }
            entity["user_assigned_identities"] = .array(try listed.map { item in
                guard let resourceId = item["resource_id"]?.stringValue ?? item.stringValue,
                      let found = try directory.listIdentities(group: nil).first(where: { $0["id"]?.stringValue?.lowercased() == resourceId.lowercased() }) else {
                    throw WorkspaceError.failed("(BadRequest) The user-assigned identity '\(item["resource_id"]?.stringValue ?? item.stringValue ?? "?")' was not found. Create it with `az identity create` and give its id (`az identity show -n NAME --query id -o tsv`).")
                }
                return ["client_id": found["clientId"] ?? .null, "principal_id": found["principalId"] ?? .null, "resource_id": found["id"] ?? .null]
            })
        } else if type != "system_assigned" {
            throw WorkspaceError.invalidArgument("invalid identity type '\(type)': use system_assigned, user_assigned or none")
        }
        return .object(entity)
    }

    /// Deletes a compute; its billing history is kept for `mlopslab cost`.
    public func delete(_ name: String, in target: WorkspaceTarget) throws {
        let loaded = try load(name, in: target)
        let now = try workspace.clock.now()
        try save(entity: loaded.entity, billing: ComputeStore.close(loaded.billing, at: now), deletedAt: now, name: name, createdAt: loaded.record.createdAt, in: target)
    }

    /// Bills the nodes a job used on a cluster: from its start until it ended plus the idle time
    /// before scale-down (nodes above min_instances stay up that long before Azure releases them).
    /// Clusters whose min_instances already cover the job are billed by their standing period instead.
    public func recordJobUsage(compute name: String, start: Date, end: Date, nodes: Int, in target: WorkspaceTarget) throws {
        guard var loaded = try? load(name, in: target), loaded.entity["type"]?.stringValue == "amlcompute" else { return }
        let minimum = Int(loaded.entity["min_instances"]?.intValue ?? 0)
        let maximum = Int(loaded.entity["max_instances"]?.intValue ?? 4)
        let extra = min(max(0, nodes - minimum), max(0, maximum - minimum))
        guard extra > 0, let size = SKUCatalogue.size(named: loaded.entity["size"]?.stringValue ?? "") else { return }
        let idle = TimeInterval(loaded.entity["idle_time_before_scale_down"]?.intValue ?? 120)
        loaded.billing.append(BillingPeriod(start: start, end: max(end, start).addingTimeInterval(idle), nodes: extra,
                                            hourly: SKUCatalogue.hourlyPrice(size, tier: loaded.entity["tier"]?.stringValue ?? "dedicated")))
        try save(entity: loaded.entity, billing: loaded.billing, deletedAt: nil, name: name, createdAt: loaded.record.createdAt, in: target)
    }

    /// Nodes up at `now` on the simulated clock: standing min_instances nodes plus nodes a job
    /// used that are still within idle_time_before_scale_down (what `az ml compute list-nodes` shows).
    public func nodes(_ name: String, at now: Date, in target: WorkspaceTarget) throws -> [JSONValue] {
        let loaded = try load(name, in: target)
        var nodes: [JSONValue] = []
        for period in loaded.billing where period.start <= now && (period.end.map { $0 > now } ?? true) {
            for _ in 0..<period.nodes {
                let index = nodes.count
                let idleUntil = period.end.map { "scales down at \(SimulatedClock.isoString($0))" } ?? "kept by min_instances"
                nodes.append(["node_id": .string("tvmps_\(Workspace.stableGuid("\(name)-\(index)").prefix(12))_d"), "node_state": "idle",
                              "private_ip_address": .string("10.0.0.\(index + 4)"), "port": 50000, "note": .string(idleUntil)])
            }
        }
        return nodes
    }

    /// Every compute ever created in the workspace (deleted ones too) with its billing periods.
    public func billingHistory(in target: WorkspaceTarget) throws -> [(entity: JSONValue, billing: [BillingPeriod], deletedAt: Date?)] {
        try workspace.database.resources(kind: ComputeStore.kind, scope: target.scopeKey).compactMap { record in
            guard let parsed = try? ComputeStore.decode(record) else { return nil }
            return (parsed.entity, parsed.billing, parsed.deletedAt)
        }
    }

    // MARK: Storage

    struct Loaded {
        var entity: JSONValue
        var billing: [BillingPeriod]
        var deletedAt: Date?
        var record: WorkspaceRecord
    }

    private func load(_ name: String, in target: WorkspaceTarget) throws -> Loaded {
        guard let record = try workspace.database.resource(kind: ComputeStore.kind, scope: target.scopeKey, name: name),
              let loaded = try? ComputeStore.decode(record), loaded.deletedAt == nil else {
            throw WorkspaceError.failed("(ResourceNotFound) Compute '\(name)' was not found in \(target.displayName). List computes with `az ml compute list`.")
        }
        return loaded
    }

    private func previousBilling(name: String, in target: WorkspaceTarget) throws -> [BillingPeriod] {
        guard let record = try workspace.database.resource(kind: ComputeStore.kind, scope: target.scopeKey, name: name) else { return [] }
        return (try? ComputeStore.decode(record).billing) ?? []
    }

    private func save(entity: JSONValue, billing: [BillingPeriod], deletedAt: Date?, name: String, createdAt: Date, in target: WorkspaceTarget) throws {
        let periods: [JSONValue] = billing.map { period in
            ["start": .double(period.start.timeIntervalSince1970), "end": period.end.map { .double($0.timeIntervalSince1970) } ?? .null,
             "nodes": .int(Int64(period.nodes)), "hourly": .double(period.hourly)]
        }
        let body: JSONValue = ["entity": entity, "billing": .array(periods),
                               "deleted_at": deletedAt.map { .double($0.timeIntervalSince1970) } ?? .null]
        try workspace.database.saveResource(kind: ComputeStore.kind, scope: target.scopeKey, name: name, createdAt: createdAt, body: body.compact())
    }

    static func decode(_ record: WorkspaceRecord) throws -> Loaded {
        guard let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw WorkspaceError.failed("the stored compute \(record.name) is damaged")
        }
        let billing = (body["billing"]?.arrayValue ?? []).compactMap { item -> BillingPeriod? in
            guard let start = item["start"]?.doubleValue, let nodes = item["nodes"]?.intValue, let hourly = item["hourly"]?.doubleValue else { return nil }
            return BillingPeriod(start: Date(timeIntervalSince1970: start), end: item["end"]?.doubleValue.map { Date(timeIntervalSince1970: $0) },
                                 nodes: Int(nodes), hourly: hourly)
        }
        return Loaded(entity: entity, billing: billing, deletedAt: body["deleted_at"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }, record: record)
    }

    static func close(_ billing: [BillingPeriod], at date: Date) -> [BillingPeriod] {
        billing.map { period in
            var closed = period
            if closed.end == nil { closed.end = date }
            return closed
        }
    }

    static func checkName(_ name: String, type: String) throws {
        let range = type == "amlcompute" ? 2...16 : 3...24
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard range.contains(name.count), name.first?.isLetter == true, name.allSatisfy({ allowed.contains($0) }), name.last != "-" else {
            throw WorkspaceError.invalidArgument("invalid compute name '\(name)': \(type == "amlcompute" ? "AmlCompute" : "ComputeInstance") names are \(range.lowerBound) to \(range.upperBound) characters of letters, digits and '-', starting with a letter")
        }
    }
}
