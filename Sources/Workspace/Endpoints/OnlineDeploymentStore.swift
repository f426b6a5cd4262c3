import Foundation
import Store

/// Deployments under online endpoints. Records are stored as `<endpoint>/<deployment>` with the
/// endpoint as parent; the provisioning itself (environment, model, start-up) is done by Serving.
public struct OnlineDeploymentStore: Sendable {
    static let kind = "online-deployment"
    /// vCPUs a workspace may hold for online deployments (instance_count plus the 20 % upgrade reserve).
    public static let quotaVCPUs = 32
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    func rawRecords(endpoint: String, in target: WorkspaceTarget) throws -> [WorkspaceRecord] {
        try workspace.database.resources(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, parent: endpoint.lowercased())
            .sorted { $0.name < $1.name }
    }

    /// Every deployment of an endpoint, oldest name first.
    public func records(endpoint: String, in target: WorkspaceTarget) throws -> [JSONValue] {
        try rawRecords(endpoint: endpoint, in: target).compactMap { JSONValue.parse($0.body) }
    }

    /// One deployment; az's error when it does not exist.
    public func show(_ name: String, endpoint: String, in target: WorkspaceTarget) throws -> JSONValue {
        _ = try OnlineEndpointStore(workspace: workspace).stored(endpoint, in: target)
        guard let record = try workspace.database.resource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: "\(endpoint.lowercased())/\(name)"),
              let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("Met error <class 'ValueError'>:Deployment does not exist.")
        }
        return body
    }

    /// Validates and stores a new deployment in state `Creating` (the provisioner moves it on).
    public func create(_ request: OnlineDeploymentRequest, in target: WorkspaceTarget) throws -> JSONValue {
        let endpoint = try OnlineEndpointStore(workspace: workspace).stored(request.endpointName, in: target)
        let endpointName = endpoint["name"]?.stringValue ?? request.endpointName
        guard request.name.range(of: OnlineEndpointStore.nameRule, options: .regularExpression) != nil, (3...32).contains(request.name.count) else {
            throw WorkspaceError.invalidArgument("Invalid deployment name '\(request.name)': it must be 3-32 characters, start with a letter, and contain only letters, digits and '-'.")
        }
        if try workspace.database.resource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: "\(endpointName)/\(request.name)") != nil {
            throw WorkspaceError.failed("(UserError) A deployment with this name already exists. If you are trying to create a new deployment, use a different name. If you are trying to update an existing deployment, use `az ml online-deployment update` instead.")
        }
        let size = try checkCapacity(instanceType: request.instanceType, count: request.instanceCount, replacing: nil, in: target)
        let body = request.entity(endpoint: endpointName, size: size, target: target)
        try save(body, endpoint: endpointName, name: request.name, state: "Creating", in: target)
        try DeploymentBilling(workspace: workspace).opened(endpoint: endpointName, deployment: request.name, instanceType: size.name,
                                                          count: request.instanceCount, in: target)
        return body
    }

    /// Changes instance count, request settings, tags or environment variables of a deployment.
    public func update(_ name: String, endpoint: String, patch: (JSONValue) throws -> JSONValue, in target: WorkspaceTarget) throws -> JSONValue {
        let current = try show(name, endpoint: endpoint, in: target)
        let next = try patch(current)
        let type = next["instance_type"]?.stringValue ?? SKUCatalogue.defaultSize
        let count = Int(next["instance_count"]?.intValue ?? 1)
        _ = try checkCapacity(instanceType: type, count: count, replacing: "\(endpoint.lowercased())/\(name)", in: target)
        let updated = next
        try save(updated, endpoint: endpoint.lowercased(), name: name, state: updated["provisioning_state"]?.stringValue ?? "Succeeded", in: target)
        try DeploymentBilling(workspace: workspace).changed(endpoint: endpoint.lowercased(), deployment: name,
                                                           instanceType: SKUCatalogue.size(named: type)?.name ?? type, count: count, in: target)
        return updated
    }

    /// Records the provisioning outcome (`Succeeded`, or `Failed` with the az-style error).
    public func setState(_ name: String, endpoint: String, state: String, error: String?, in target: WorkspaceTarget) throws -> JSONValue {
        var body = try show(name, endpoint: endpoint, in: target).setting("provisioning_state", .string(state))
        body = body.setting("provisioning_error", error.map(JSONValue.string) ?? .null)
        try save(body, endpoint: endpoint.lowercased(), name: name, state: state, in: target)
        return body
    }

    /// Deletes a deployment; one that still takes live traffic is refused.
    public func delete(_ name: String, endpoint: String, in target: WorkspaceTarget) throws {
        let stored = try OnlineEndpointStore(workspace: workspace).stored(endpoint, in: target)
        let traffic = OnlineEndpointStore.intMap(stored["traffic"])
        if let percent = traffic[name], percent > 0 {
            throw WorkspaceError.failed("(BadRequest) Deployment '\(name)' takes \(percent)% of the traffic of endpoint \(endpoint.lowercased()). Move its traffic first, e.g. `az ml online-endpoint update -n \(endpoint.lowercased()) --traffic \"\(name)=0 ...\"`, then delete it.")
        }
        guard let record = try workspace.database.resource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: "\(endpoint.lowercased())/\(name)") else {
            throw WorkspaceError.failed("Met error <class 'ValueError'>:Deployment does not exist.")
        }
        _ = try workspace.database.deleteResource(id: record.id ?? -1)
        try DeploymentBilling(workspace: workspace).closed(endpoint: endpoint.lowercased(), deployment: name, in: target)
        let mirror = OnlineEndpointStore.intMap(stored["mirror_traffic"]).filter { $0.key != name }
        let remaining = traffic.filter { $0.key != name }
        try OnlineEndpointStore(workspace: workspace).save(stored.setting("mirror_traffic", OnlineEndpointStore.jsonMap(mirror))
            .setting("traffic", OnlineEndpointStore.jsonMap(remaining)), name: endpoint.lowercased(), in: target)
    }

    /// vCPUs held by all online deployments of the workspace (with the 20 % reserve), optionally leaving one out.
    public func reservedVCPUs(excluding excluded: String?, in target: WorkspaceTarget) throws -> Int {
        let all = try workspace.database.resources(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, statusIn: ["Creating", "Updating", "Succeeded"])
        return all.filter { $0.name != excluded }.compactMap { JSONValue.parse($0.body) }.reduce(0) { total, body in
            let cpus = SKUCatalogue.size(named: body["instance_type"]?.stringValue ?? "")?.vCPUs ?? 0
            return total + OnlineDeploymentStore.reserve(vCPUs: cpus, count: Int(body["instance_count"]?.intValue ?? 1))
        }
    }

    static func reserve(vCPUs: Int, count: Int) -> Int { Int((Double(vCPUs * count) * 1.2).rounded(.up)) }

    private func checkCapacity(instanceType: String, count: Int, replacing: String?, in target: WorkspaceTarget) throws -> VMSize {
        guard let size = SKUCatalogue.size(named: instanceType) else {
            throw WorkspaceError.failed("(BadArgument) The instance type '\(instanceType)' is not supported. Known sizes: \(SKUCatalogue.sizes.map(\.name).joined(separator: ", ")).")
        }
        guard count >= 1 else { throw WorkspaceError.failed("(BadArgument) instance_count must be at least 1, got \(count).") }
        let needed = OnlineDeploymentStore.reserve(vCPUs: size.vCPUs, count: count)
        let used = try reservedVCPUs(excluding: replacing, in: target)
        guard used + needed <= OnlineDeploymentStore.quotaVCPUs else {
            throw WorkspaceError.failed("(OutOfQuota) Not enough quota available for \(size.name) in \(target.displayName). Requested \(needed) vCPUs (\(count) x \(size.vCPUs) plus the 20% upgrade reserve), \(used) of \(OnlineDeploymentStore.quotaVCPUs) already in use by online deployments. Lower instance_count, pick a smaller instance_type, or delete a deployment.")
        }
        return size
    }

    private func save(_ body: JSONValue, endpoint: String, name: String, state: String, in target: WorkspaceTarget) throws {
        let key = "\(endpoint)/\(name)"
        if try workspace.database.resource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: key) != nil {
            _ = try workspace.database.modifyResource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: key) { _ in (body.compact(), state) }
        } else {
            try workspace.database.saveResource(kind: OnlineDeploymentStore.kind, scope: target.scopeKey, name: key, createdAt: try workspace.clock.now(),
                                                body: body.compact(), parent: endpoint, status: state)
        }
    }
}
