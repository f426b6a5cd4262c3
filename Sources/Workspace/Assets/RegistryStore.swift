import Foundation
import Store

/// Registries: workspace-independent asset stores (`azureml://registries/<name>/...`).
public struct RegistryStore: Sendable {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Creates a registry from its (validated) YAML fields.
    public func create(_ spec: JSONValue, group: String) throws -> JSONValue {
        guard let name = spec["name"]?.scalarText, !name.isEmpty else { throw WorkspaceError.invalidArgument("a registry needs `name`") }
        if name == "azureml" { throw WorkspaceError.alreadyExists(kind: "registry", name: name) }
        if try workspace.database.resource(kind: "registry", scope: "global", name: name) != nil {
            throw WorkspaceError.alreadyExists(kind: "registry", name: name)
        }
        let location = spec["location"]?.stringValue ?? Workspace.defaultLocation
        let body: JSONValue = [
            "description": spec["description"] ?? spec["tags"]?["description"] ?? .null,
            "id": .string("/subscriptions/\(Workspace.subscriptionId)/resourceGroups/\(group)/providers/Microsoft.MachineLearningServices/registries/\(name)"),
            "location": .string(location), "name": .string(name),
            "replication_locations": spec["replication_locations"] ?? [["location": .string(location)]],
            "resource_group": .string(group), "tags": spec["tags"] ?? [:],
            "public_network_access": spec["public_network_access"] ?? "Enabled",
            "discovery_url": .string("https://\(location).api.azureml.ms/registrymanagement/v1.0/registries/\(name)/discovery"),
            "mlflow_registry_uri": .string("azureml://\(location).api.azureml.ms/mlflow/v1.0/subscriptions/\(Workspace.subscriptionId)/resourceGroups/\(group)/providers/Microsoft.MachineLearningServices/registries/\(name)"),
        ]
        try workspace.database.saveResource(kind: "registry", scope: "global", name: name, createdAt: try workspace.clock.now(), body: body.compact())
        return body
    }

    public func show(_ name: String) throws -> JSONValue {
        guard let record = try workspace.database.resource(kind: "registry", scope: "global", name: name), let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(ResourceNotFound) Registry '\(name)' was not found. Create it with `az ml registry create --file registry.yml`.")
        }
        return body
    }

    public func list() throws -> [JSONValue] {
        try workspace.database.resources(kind: "registry", scope: "global").compactMap { JSONValue.parse($0.body) }
            .sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }
}
