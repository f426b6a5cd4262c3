import Foundation
import Store
import Primitives

/// Resources outside `az ml` that labs need: resource groups, user-assigned identities, role
/// assignments, Key Vaults and their secrets. Secret values are stored but only `secretValue`
/// returns them (what `az keyvault secret show` prints); listings never include values.
public struct DirectoryStore: Sendable {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    var subscriptionScope: String { Workspace.subscriptionId }

    // MARK: Groups

    public func createGroup(name: String, location: String) throws -> JSONValue {
        try workspace.saveGroup(name: name, location: location, at: try workspace.clock.now())
    }

    public func listGroups() throws -> [JSONValue] {
        try workspace.database.resources(kind: "group", scope: subscriptionScope).compactMap { JSONValue.parse($0.body) }
            .sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }

    public func requireGroup(_ name: String) throws {
        guard try workspace.database.resource(kind: "group", scope: subscriptionScope, name: name) != nil else {
            throw WorkspaceError.failed("(ResourceGroupNotFound) Resource group '\(name)' could not be found.")
        }
    }

    // MARK: Identities

    public func createIdentity(name: String, group: String, location: String) throws -> JSONValue {
        try requireGroup(group)
        if let existing = try workspace.database.resource(kind: "identity", scope: group, name: name), let body = JSONValue.parse(existing.body) { return body }
        let body: JSONValue = [
            "clientId": .string(Workspace.stableGuid("client-\(group)-\(name)")),
            "id": .string("/subscriptions/\(subscriptionScope)/resourcegroups/\(group)/providers/Microsoft.ManagedIdentity/userAssignedIdentities/\(name)"),
            "location": .string(location), "name": .string(name),
            "principalId": .string(Workspace.stableGuid("principal-\(group)-\(name)")),
            "resourceGroup": .string(group), "tags": [:], "tenantId": .string(Workspace.tenantId),
            "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
        ]
        try workspace.database.saveResource(kind: "identity", scope: group, name: name, createdAt: try workspace.clock.now(), body: body.compact())
        return body
    }

    public func showIdentity(name: String, group: String) throws -> JSONValue {
        guard let record = try workspace.database.resource(kind: "identity", scope: group, name: name), let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(ResourceNotFound) The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/\(name)' under resource group '\(group)' was not found.")
        }
        return body
    }

    public func listIdentities(group: String?) throws -> [JSONValue] {
        let groups = try group.map { [$0] } ?? listGroups().compactMap { $0["name"]?.stringValue }
        return try groups.flatMap { g in try workspace.database.resources(kind: "identity", scope: g).compactMap { JSONValue.parse($0.body) } }
    }

    public func deleteIdentity(name: String, group: String) throws {
        guard let record = try workspace.database.resource(kind: "identity", scope: group, name: name), let id = record.id else {
            throw WorkspaceError.failed("(ResourceNotFound) The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/\(name)' under resource group '\(group)' was not found.")
        }
        try workspace.database.deleteResource(id: id)
    }

    // MARK: Role assignments

    /// Built-in roles the simulator knows (name → role definition GUID as in Azure).
    public static let roles: [String: String] = [
        "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
        "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
        "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
        "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
        "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
        "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
        "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    ]

    /// Roles whose data actions include reading a Key Vault secret's value.
    public static let secretReadRoles = ["Key Vault Secrets User", "Key Vault Secrets Officer", "Key Vault Administrator"]

    /// Whether `principal` holds one of `roles` on `resource` or on a scope that contains it (the resource
    /// group, the subscription), as Azure RBAC inherits assignments down the scope tree.
    public func hasRole(principal: String, anyOf roles: [String], on resource: String) throws -> Bool {
        let target = resource.lowercased()
        return try listRoleAssignments(assignee: principal, scope: nil, role: nil).contains { item in
            guard let role = item["roleDefinitionName"]?.stringValue, roles.contains(where: { $0.caseInsensitiveCompare(role) == .orderedSame }),
                  var scope = item["scope"]?.stringValue?.lowercased() else { return false }
            while scope.hasSuffix("/") { scope.removeLast() }
            return target == scope || target.hasPrefix(scope + "/")
        }
    }

    public func createRoleAssignment(assignee: String, principalType: String, role: String, scope: String) throws -> JSONValue {
        guard let roleId = DirectoryStore.roles.first(where: { $0.key.caseInsensitiveCompare(role) == .orderedSame }) else {
            throw WorkspaceError.failed("Role '\(role)' doesn't exist. Known roles: \(DirectoryStore.roles.keys.sorted().joined(separator: ", ")).")
        }
        let name = Workspace.stableGuid("ra-\(assignee)-\(roleId.value)-\(scope)")
        let body: JSONValue = [
            "id": .string("\(scope)/providers/Microsoft.Authorization/roleAssignments/\(name)"),
            "name": .string(name), "principalId": .string(assignee), "principalType": .string(principalType),
            "roleDefinitionId": .string("/subscriptions/\(subscriptionScope)/providers/Microsoft.Authorization/roleDefinitions/\(roleId.value)"),
            "roleDefinitionName": .string(roleId.key), "scope": .string(scope), "type": "Microsoft.Authorization/roleAssignments",
        ]
        try workspace.database.saveResource(kind: "role-assignment", scope: subscriptionScope, name: name, createdAt: try workspace.clock.now(), body: body.compact())
        return body
    }

    public func listRoleAssignments(assignee: String?, scope: String?, role: String?) throws -> [JSONValue] {
        try workspace.database.resources(kind: "role-assignment", scope: subscriptionScope).compactMap { JSONValue.parse($0.body) }.filter { item in
            (assignee == nil || item["principalId"]?.stringValue == assignee)
                && (scope == nil || item["scope"]?.stringValue == scope)
                && (role == nil || item["roleDefinitionName"]?.stringValue?.caseInsensitiveCompare(role ?? "") == .orderedSame)
        }
    }

    /// Deletes matching assignments; returns how many were removed.
    public func deleteRoleAssignments(assignee: String?, scope: String?, role: String?, ids: [String]) throws -> Int {
        let all = try workspace.database.resources(kind: "role-assignment", scope: subscriptionScope)
        var removed = 0
        for record in all {
            guard let body = JSONValue.parse(record.body), let recordId = record.id else { continue }
            let matches: Bool
            if !ids.isEmpty { matches = ids.contains(body["id"]?.stringValue ?? "") } else {
                matches = (assignee == nil || body["principalId"]?.stringValue == assignee)
                    && (scope == nil || body["scope"]?.stringValue == scope)
                    && (role == nil || body["roleDefinitionName"]?.stringValue?.caseInsensitiveCompare(role ?? "") == .orderedSame)
            }
            if matches, try workspace.database.deleteResource(id: recordId) { removed += 1 }
        }
        return removed
    }

    // MARK: Key Vault

    /// `az keyvault show`.
    public func showVault(name: String) throws -> JSONValue {
        guard let record = try workspace.database.resource(kind: "keyvault", scope: subscriptionScope, name: name), let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(ResourceNotFound) The Resource 'Microsoft.KeyVault/vaults/\(name)' under resource group '\(Workspace.defaultGroup)' was not found.")
        }
        return body
    }

    public func createVault(name: String, group: String, location: String, rbacAuthorization: Bool = true) throws -> JSONValue {
        try requireGroup(group)
        if try workspace.database.resource(kind: "keyvault", scope: subscriptionScope, name: name) != nil {
            throw WorkspaceError.failed("(VaultAlreadyExists) The vault name '\(name)' is already in use. Vault names are globally unique.")
        }
        let body: JSONValue = [
            "id": .string("/subscriptions/\(subscriptionScope)/resourceGroups/\(group)/providers/Microsoft.KeyVault/vaults/\(name)"),
            "location": .string(location), "name": .string(name), "resourceGroup": .string(group),
            "properties": ["accessPolicies": [], "enableRbacAuthorization": .bool(rbacAuthorization), "provisioningState": "Succeeded", "sku": ["family": "A", "name": "standard"],
                           "tenantId": .string(Workspace.tenantId), "vaultUri": .string("https://\(name).vault.azure.net/")],
            "tags": [:], "type": "Microsoft.KeyVault/vaults",
        ]
        try workspace.database.saveResource(kind: "keyvault", scope: subscriptionScope, name: name, createdAt: try workspace.clock.now(), body: body.compact())
        return body
    }

    /// `az keyvault set-policy`: grants an object secret permissions on a vault that uses access policies.
    public func setPolicy(vault: String, objectId: String, secretPermissions: [String]) throws -> JSONValue {
        try requireVault(vault)
        guard let record = try workspace.database.resource(kind: "keyvault", scope: subscriptionScope, name: vault), var body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(VaultNotFound) The vault '\(vault)' was not found.")
        }
        var properties = body["properties"]?.objectValue ?? [:]
        var policies = (properties["accessPolicies"]?.arrayValue ?? []).filter { $0["objectId"]?.stringValue != objectId }
        policies.append(["objectId": .string(objectId), "permissions": ["certificates": [], "keys": [], "secrets": .array(secretPermissions.map(JSONValue.string)), "storage": []],
                         "tenantId": .string(Workspace.tenantId)])
        properties["accessPolicies"] = .array(policies)
        body = body.setting("properties", .object(properties))
        try workspace.database.saveResource(kind: "keyvault", scope: subscriptionScope, name: vault, createdAt: record.createdAt, body: body.compact())
        return body
    }

    func authorizeSecretRead(vault: String, secret: String, principal: String) throws {
        guard let record = try workspace.database.resource(kind: "keyvault", scope: subscriptionScope, name: vault),
              let body = JSONValue.parse(record.body), let id = body["id"]?.stringValue else { return }
        let rbac = body["properties"]?["enableRbacAuthorization"]?.boolValue ?? true
        let allowed: Bool
        if rbac {
            allowed = try hasRole(principal: principal, anyOf: DirectoryStore.secretReadRoles, on: id)
        } else {
            allowed = (body["properties"]?["accessPolicies"]?.arrayValue ?? []).contains { policy in
                policy["objectId"]?.stringValue == principal
                    && (policy["permissions"]?["secrets"]?.arrayValue ?? []).contains { $0.stringValue?.lowercased() == "get" || $0.stringValue?.lowercased() == "all" }
            }
        }
        guard allowed else {
            let action = "Microsoft.KeyVault/vaults/secrets/getSecret/action"
            let detail = rbac
                ? "Caller is not authorized to perform action on resource.\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\nCaller: oid=\(principal)\nAction: '\(action)'\nResource: '\(id.lowercased())/secrets/\(secret)'\nAssignment: (not found)\nVault: \(vault);location=\(body["location"]?.stringValue ?? Workspace.defaultLocation)\n"
                : "The user, group or application 'oid=\(principal)' does not have secrets get permission on key vault '\(vault);location=\(body["location"]?.stringValue ?? Workspace.defaultLocation)'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"
            throw WorkspaceError.failed("(Forbidden) \(detail)\nCode: Forbidden\nInner error: {\n    \"code\": \"\(rbac ? "ForbiddenByRbac" : "AccessDenied")\"\n}")
        }
    }

    private func requireVault(_ name: String) throws {
        guard try workspace.database.resource(kind: "keyvault", scope: subscriptionScope, name: name) != nil else {
            throw WorkspaceError.failed("(VaultNotFound) The vault '\(name)' was not found. Create it with `az keyvault create --name \(name)`.")
        }
    }

    /// Stores a secret; the returned JSON includes the value, as `az keyvault secret set` prints it.
    public func setSecret(vault: String, name: String, value: String) throws -> JSONValue {
        try requireVault(vault)
        let now = try workspace.clock.now()
        let version = String(SHA256Hasher.hex(Array("\(vault)/\(name)/\(now.timeIntervalSince1970)".utf8)).prefix(32))
        let body: JSONValue = ["metadata": secretMetadata(vault: vault, name: name, version: version, at: now), "value": .string(value)]
        try workspace.database.saveResource(kind: "secret", scope: vault, name: name, createdAt: now, body: body.compact())
        return secretMetadata(vault: vault, name: name, version: version, at: now).setting("value", .string(value))
    }

    /// The secret with its value (what `az keyvault secret show` prints). Inside a job, az acts as the
    /// compute's managed identity, which needs a Key Vault secrets role on the vault (RBAC vaults), or a
    /// `get` access policy (vaults created with `--enable-rbac-authorization false`); the signed-in learner is
    /// not checked.
    public func showSecret(vault: String, name: String, principal: String = StorageStore.callerPrincipal()) throws -> JSONValue {
        try requireVault(vault)
        if principal != Workspace.user { try authorizeSecretRead(vault: vault, secret: name, principal: principal) }
        guard let record = try workspace.database.resource(kind: "secret", scope: vault, name: name), let body = JSONValue.parse(record.body),
              let metadata = body["metadata"] else {
            throw WorkspaceError.failed("(SecretNotFound) A secret with (name/id) \(name) was not found in this key vault.")
        }
        return metadata.setting("value", body["value"] ?? .null)
    }

    /// Secrets of a vault without their values.
    public func listSecrets(vault: String) throws -> [JSONValue] {
        try requireVault(vault)
        return try workspace.database.resources(kind: "secret", scope: vault).compactMap { JSONValue.parse($0.body)?["metadata"] }
            .map { metadata in
                var fields = metadata.objectValue ?? [:]
                if let id = fields["id"]?.stringValue, let slash = id.range(of: "/", options: .backwards) { fields["id"] = .string(String(id[..<slash.lowerBound])) }
                return .object(fields)
            }
    }

    private func secretMetadata(vault: String, name: String, version: String, at date: Date) -> JSONValue {
        let time = SimulatedClock.isoString(date)
        return [
            "attributes": ["created": .string(time), "enabled": true, "expires": .null, "notBefore": .null, "recoveryLevel": "Recoverable+Purgeable", "updated": .string(time)],
            "contentType": .null, "id": .string("https://\(vault).vault.azure.net/secrets/\(name)/\(version)"),
            "kid": .null, "managed": .null, "name": .string(name), "tags": [:],
        ]
    }
}
