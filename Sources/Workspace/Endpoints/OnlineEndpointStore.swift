import Foundation
import Store

/// Managed online endpoints of a workspace: their auth, keys and traffic maps. Keys are stored with
/// the endpoint but never returned by `show`/`list`; only `credentials` hands them out.
public struct OnlineEndpointStore: Sendable {
    static let kind = "online-endpoint"
    static let nameRule = #"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$"#
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// The stored endpoint document, including its private `_keys`.
    public func stored(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        guard let record = try workspace.database.resource(kind: OnlineEndpointStore.kind, scope: target.scopeKey, name: name.lowercased()),
              let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(ResourceNotFound) Online endpoint \(name.lowercased()) does not exist in \(target.displayName). Create it with `az ml online-endpoint create -n \(name.lowercased())`.")
        }
        return body
    }

    /// Creates an endpoint (`auth_mode` key by default); a duplicate name is refused as az refuses it.
    public func create(name rawName: String, authMode: String?, description: String?, tags: JSONValue, in target: WorkspaceTarget) throws -> JSONValue {
        let name = rawName.lowercased()
        guard (3...32).contains(name.count), name.range(of: OnlineEndpointStore.nameRule, options: .regularExpression) != nil else {
            throw WorkspaceError.invalidArgument("Invalid endpoint name '\(rawName)': it must be 3-32 characters, start with a letter, and contain only letters, digits and '-' (not at the end).")
        }
        let mode = (authMode ?? "key").lowercased()
        guard ["key", "aml_token"].contains(mode) else {
            if mode == "aad_token" { throw WorkspaceError.notSimulated("auth_mode aad_token (use key or aml_token)") }
            throw WorkspaceError.invalidArgument("Invalid auth_mode '\(authMode ?? "")': use key or aml_token.")
        }
        if try workspace.database.resource(kind: OnlineEndpointStore.kind, scope: target.scopeKey, name: name) != nil {
            throw WorkspaceError.failed("(UserError) An endpoint with this name already exists. If you are trying to create a new endpoint, use a different name. If you are trying to update an existing endpoint, use `az ml online-endpoint update` instead.")
        }
        let now = try workspace.clock.now()
        let id = "\(target.armId)/onlineEndpoints/\(name)"
        let time = SimulatedClock.isoString(now)
        var body: [String: JSONValue] = [
            "auth_mode": .string(mode), "id": .string(id),
            "identity": ["principal_id": .string(Workspace.stableGuid("ep-principal-\(id)")), "tenant_id": .string(Workspace.tenantId), "type": "system_assigned"],
            "kind": "Managed", "location": .string(target.location), "mirror_traffic": [:], "name": .string(name),
            "properties": ["azureml.onlineendpointid": .string(id.lowercased()), "createdBy": .string(Workspace.user), "createdAt": .string(time), "lastModifiedAt": .string(time)],
            "provisioning_state": "Succeeded", "public_network_access": "enabled", "resourceGroup": .string(target.resourceGroup),
            "tags": tags, "traffic": [:],
            "_keys": ["primary": .string(OnlineEndpointStore.newKey()), "secondary": .string(OnlineEndpointStore.newKey())],
        ]
        if let description { body["description"] = .string(description) }
        try workspace.database.saveResource(kind: OnlineEndpointStore.kind, scope: target.scopeKey, name: name, createdAt: now, body: JSONValue.object(body).compact())
        return try show(name, in: target)
    }

    /// The endpoint as `az ml online-endpoint show` prints it: every deployment in `traffic` (0 where it has none), no keys.
    public func show(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        public_(try stored(name, in: target), in: target)
    }

    /// Every endpoint of the workspace, as `show` prints each.
    public func list(in target: WorkspaceTarget) throws -> [JSONValue] {
        try workspace.database.resources(kind: OnlineEndpointStore.kind, scope: target.scopeKey, parent: "")
            .compactMap { JSONValue.parse($0.body) }.map { public_($0, in: target) }
    }

    /// Sets live and/or mirror traffic after checking them against the endpoint's deployments.
    public func update(_ name: String, traffic: [String: Int]?, mirror: [String: Int]?, description: String?, tags: JSONValue?, in target: WorkspaceTarget) throws -> JSONValue {
        var body = try stored(name, in: target)
        let deployments = Set(try OnlineDeploymentStore(workspace: workspace).records(endpoint: name.lowercased(), in: target).compactMap { $0["name"]?.stringValue })
        let newTraffic = (traffic ?? OnlineEndpointStore.intMap(body["traffic"])).filter { $0.value != 0 }
        let newMirror = (mirror ?? OnlineEndpointStore.intMap(body["mirror_traffic"])).filter { $0.value != 0 }
        try TrafficRules.validate(traffic: newTraffic, deployments: deployments, endpoint: name.lowercased())
        try TrafficRules.validate(mirror: newMirror, traffic: newTraffic, deployments: deployments, endpoint: name.lowercased())
        body = body.setting("traffic", OnlineEndpointStore.jsonMap(newTraffic)).setting("mirror_traffic", OnlineEndpointStore.jsonMap(newMirror))
        if let description { body = body.setting("description", .string(description)) }
        if let tags { body = body.setting("tags", tags) }
        try save(body, name: name.lowercased(), in: target)
        return try show(name, in: target)
    }

    /// Deletes the endpoint and all its deployments.
    public func delete(_ name: String, in target: WorkspaceTarget) throws {
        guard let record = try workspace.database.resource(kind: OnlineEndpointStore.kind, scope: target.scopeKey, name: name.lowercased()) else {
            throw WorkspaceError.failed("Online endpoint \(name.lowercased()) does not exist.")
        }
        let deployments = OnlineDeploymentStore(workspace: workspace)
        for deployment in try deployments.rawRecords(endpoint: name.lowercased(), in: target) {
            _ = try workspace.database.deleteResource(id: deployment.id ?? -1)
            if let body = JSONValue.parse(deployment.body), let deploymentName = body["name"]?.stringValue {
                try DeploymentBilling(workspace: workspace).closed(endpoint: name.lowercased(), deployment: deploymentName, in: target)
            }
        }
        _ = try workspace.database.deleteResource(id: record.id ?? -1)
    }

    /// `get-credentials`: the keys (key auth) or a token (aml_token auth).
    public func credentials(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        let body = try stored(name, in: target)
        let keys = body["_keys"]
        if body["auth_mode"]?.stringValue == "aml_token" {
            let now = try workspace.clock.now()
            return ["accessToken": keys?["primary"] ?? .null, "expiryTimeUtc": .int(Int64(now.timeIntervalSince1970) + 86400),
                    "refreshAfterTimeUtc": .int(Int64(now.timeIntervalSince1970) + 43200), "tokenType": "Bearer"]
        }
        return ["primaryKey": keys?["primary"] ?? .null, "secondaryKey": keys?["secondary"] ?? .null]
    }

    /// Replaces the primary or secondary key; the old one stops working at once.
    public func regenerateKey(_ name: String, keyType: String, in target: WorkspaceTarget) throws {
        let body = try stored(name, in: target)
        guard body["auth_mode"]?.stringValue == "key" else {
            throw WorkspaceError.failed("Endpoint '\(name.lowercased())' does not use keys for authentication.")
        }
        let type = keyType.lowercased()
        guard type == "primary" || type == "secondary" else {
            throw WorkspaceError.invalidArgument("argument --key-type: invalid choice: '\(keyType)' (choose from 'primary', 'secondary')")
        }
        let keys = (body["_keys"] ?? [:]).setting(type, .string(OnlineEndpointStore.newKey()))
        try save(body.setting("_keys", keys), name: name.lowercased(), in: target)
    }

    func save(_ body: JSONValue, name: String, in target: WorkspaceTarget) throws {
        let now = try workspace.clock.now()
        let properties = (body["properties"] ?? [:]).setting("lastModifiedAt", .string(SimulatedClock.isoString(now)))
        try workspace.database.saveResource(kind: OnlineEndpointStore.kind, scope: target.scopeKey, name: name, createdAt: now,
                                            body: body.setting("properties", properties).compact())
    }

    private func public_(_ body: JSONValue, in target: WorkspaceTarget) -> JSONValue {
        guard case .object(var fields) = body else { return body }
        fields["_keys"] = nil
        let name = fields["name"]?.stringValue ?? ""
        var traffic = OnlineEndpointStore.intMap(fields["traffic"])
        let mirror = OnlineEndpointStore.intMap(fields["mirror_traffic"])
        let names = (try? OnlineDeploymentStore(workspace: workspace).records(endpoint: name, in: target).compactMap { $0["name"]?.stringValue }) ?? []
        for deployment in names where traffic[deployment] == nil && mirror[deployment] == nil { traffic[deployment] = 0 }
        fields["traffic"] = OnlineEndpointStore.jsonMap(traffic)
        let base = ServingAddress.base(home: workspace.home)
        fields["scoring_uri"] = .string("\(base)/endpoints/\(name)/score")
        fields["openapi_uri"] = .string("\(base)/endpoints/\(name)/swagger.json")
        return .object(fields)
    }

    static func intMap(_ value: JSONValue?) -> [String: Int] {
        var result: [String: Int] = [:]
        for (key, item) in value?.objectValue ?? [:] { result[key] = Int(item.intValue ?? 0) }
        return result
    }

    static func jsonMap(_ map: [String: Int]) -> JSONValue {
        .object(map.mapValues { JSONValue.int(Int64($0)) })
    }

    static func newKey() -> String {
        (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "")
    }
}
