import Foundation
import Store
import Primitives

/// The simulated Azure ML control plane over one state home: defaults, targets, the blob store,
/// the clock and the stored resources. Services (assets, compute, identity...) hang off it.
public final class Workspace: @unchecked Sendable {
    /// The simulated subscription every fresh state home starts with.
    public static let subscriptionId = "6d2b1c9e-3f4a-4b7e-9a1d-0c5e8f7a2b31"
    public static let subscriptionName = "mlopslab-simulated-subscription"
    public static let tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    public static let defaultGroup = "rg-mlopslab"
    public static let defaultWorkspace = "mlw-mlopslab"
    public static let defaultLocation = "eastus"
    public static let user = "learner@mlopslab.local"

    public let database: StateDatabase
    public let home: URL
    public let blobs: BlobStore
    public let clock: SimulatedClock

    /// Opens the state database under `home`, seeding the default subscription, group and workspace once.
    public init(home: URL) throws {
        self.home = home
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.failed("cannot create the state home \(home.path): \(error.localizedDescription)")
        }
        database = try StateDatabase(url: home.appendingPathComponent("state.sqlite"))
        blobs = BlobStore(home: home)
        clock = SimulatedClock(database: database)
        try seedIfNeeded()
    }

    private func seedIfNeeded() throws {
        if try database.workspaceSetting("seeded") != nil { return }
        let now = try clock.now()
        try saveGroup(name: Workspace.defaultGroup, location: Workspace.defaultLocation, at: now)
        try saveWorkspaceRecord(name: Workspace.defaultWorkspace, group: Workspace.defaultGroup, location: Workspace.defaultLocation, at: now)
        try database.setWorkspaceSetting("defaults.group", Workspace.defaultGroup)
        try database.setWorkspaceSetting("defaults.workspace", Workspace.defaultWorkspace)
        try database.setWorkspaceSetting("seeded", "1")
    }

    // MARK: Defaults and targets

    /// A configured default (`group`, `workspace`, `location`...), as `az configure --defaults` stores them.
    public func defaultValue(_ key: String) throws -> String? {
        try database.workspaceSetting("defaults.\(key)")
    }

    /// Stores `az configure --defaults key=value` (an empty value removes the default).
    public func setDefault(_ key: String, _ value: String) throws {
        try database.setWorkspaceSetting("defaults.\(key)", value)
    }

    /// Every configured default.
    public func allDefaults() throws -> [(String, String)] {
        try ["group", "workspace", "location"].compactMap { key in
            guard let value = try defaultValue(key), !value.isEmpty else { return nil }
            return (key, value)
        }
    }

    /// The workspace a command acts on: the flags when given, else the defaults; it must exist.
    public func target(group: String?, workspace: String?) throws -> WorkspaceTarget {
        let defaultGroup = try defaultValue("group")
        let defaultName = try defaultValue("workspace")
        guard let group = nonEmpty(group) ?? nonEmpty(defaultGroup) else {
            throw WorkspaceError.invalidArgument("the following arguments are required: --resource-group/-g (or set a default with `az configure --defaults group=<name>`)")
        }
        guard let name = nonEmpty(workspace) ?? nonEmpty(defaultName) else {
            throw WorkspaceError.invalidArgument("the following arguments are required: --workspace-name/-w (or set a default with `az configure --defaults workspace=<name>`)")
        }
        guard try database.resource(kind: "group", scope: Workspace.subscriptionId, name: group) != nil else {
            throw WorkspaceError.failed("(ResourceGroupNotFound) Resource group '\(group)' could not be found.")
        }
        guard let record = try database.resource(kind: "workspace", scope: group, name: name) else {
            throw WorkspaceError.failed("(ResourceNotFound) The Resource 'Microsoft.MachineLearningServices/workspaces/\(name)' under resource group '\(group)' was not found.")
        }
        let location = JSONValue.parse(record.body)?["location"]?.stringValue ?? Workspace.defaultLocation
        return WorkspaceTarget(subscriptionId: Workspace.subscriptionId, resourceGroup: group, workspaceName: name, location: location)
    }

    /// The built-in registry Microsoft publishes curated assets in (its environments are `CuratedEnvironments`).
    public static let builtInRegistry = "azureml"

    /// The target for `--registry-name`: the registry must exist (`azureml` always does: it is built in).
    public func registryTarget(_ registry: String) throws -> WorkspaceTarget {
        if registry == Workspace.builtInRegistry {
            return WorkspaceTarget(subscriptionId: Workspace.subscriptionId, resourceGroup: Workspace.defaultGroup, workspaceName: "",
                                   location: Workspace.defaultLocation, registryName: registry)
        }
        guard let record = try database.resource(kind: "registry", scope: "global", name: registry) else {
            throw WorkspaceError.failed("(ResourceNotFound) Registry '\(registry)' was not found. Create it with `az ml registry create --file registry.yml`.")
        }
        let body = JSONValue.parse(record.body)
        return WorkspaceTarget(subscriptionId: Workspace.subscriptionId,
                               resourceGroup: body?["resource_group"]?.stringValue ?? Workspace.defaultGroup,
                               workspaceName: "", location: body?["location"]?.stringValue ?? Workspace.defaultLocation,
                               registryName: registry)
    }

    // MARK: Groups and workspaces

    /// Creates (or updates) a resource group.
    @discardableResult
    public func saveGroup(name: String, location: String, at date: Date) throws -> JSONValue {
        let body: JSONValue = [
            "id": .string("/subscriptions/\(Workspace.subscriptionId)/resourceGroups/\(name)"),
            "location": .string(location), "managedBy": .null, "name": .string(name),
            "properties": ["provisioningState": "Succeeded"], "tags": .null, "type": "Microsoft.Resources/resourceGroups",
        ]
        try database.saveResource(kind: "group", scope: Workspace.subscriptionId, name: name, createdAt: date, body: body.compact())
        return body
    }

    /// Creates (or updates) a workspace in a group.
    @discardableResult
    public func saveWorkspaceRecord(name: String, group: String, location: String, at date: Date, description: String? = nil, tags: JSONValue = [:]) throws -> JSONValue {
        let rgId = "/subscriptions/\(Workspace.subscriptionId)/resourceGroups/\(group)"
        let compact = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let body: JSONValue = [
            "application_insights": .string("\(rgId)/providers/Microsoft.insights/components/\(compact)insights"),
            "container_registry": .string("\(rgId)/providers/Microsoft.ContainerRegistry/registries/\(compact)acr"),
            "description": description.map(JSONValue.string) ?? .string(name),
            "discovery_url": .string("https://\(location).api.azureml.ms/discovery"),
            "display_name": .string(name),
            "enable_data_isolation": false,
            "hbi_workspace": false,
            "id": .string("\(rgId)/providers/Microsoft.MachineLearningServices/workspaces/\(name)"),
            "identity": ["principal_id": .string(Workspace.stableGuid("ws-principal-\(group)-\(name)")), "tenant_id": .string(Workspace.tenantId), "type": "system_assigned"],
            "key_vault": .string("\(rgId)/providers/Microsoft.Keyvault/vaults/\(compact)kv"),
            "location": .string(location),
            "mlflow_tracking_uri": .string("azureml://\(location).api.azureml.ms/mlflow/v1.0\(rgId)/providers/Microsoft.MachineLearningServices/workspaces/\(name)"),
            "name": .string(name),
            "public_network_access": "Enabled",
            "resource_group": .string(group),
            "storage_account": .string("\(rgId)/providers/Microsoft.Storage/storageAccounts/\(compact)sa"),
            "tags": tags,
        ]
        try database.saveResource(kind: "workspace", scope: group, name: name, createdAt: date, body: body.compact())
        return body
    }

    /// `creation_context` as the SDK dumps it.
    public func creationContext(at date: Date) -> JSONValue {
        let time = SimulatedClock.isoString(date)
        return [
            "created_at": .string(time), "created_by": .string(Workspace.user), "created_by_type": "User",
            "last_modified_at": .string(time), "last_modified_by": .string(Workspace.user), "last_modified_by_type": "User",
        ]
    }

    /// A GUID-shaped identifier derived from text, so simulated ids are stable across runs.
    public static func stableGuid(_ seed: String) -> String {
        let hex = Array(SHA256Hasher.hex(Array(seed.utf8)))
        func part(_ from: Int, _ count: Int) -> String { String(hex[from..<(from + count)]) }
        return "\(part(0, 8))-\(part(8, 4))-4\(part(13, 3))-a\(part(17, 3))-\(part(20, 12))"
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

extension JSONValue {
    /// Decodes a stored body (nil when the text is not JSON).
    static func stored(_ record: WorkspaceRecord) -> JSONValue? { JSONValue.parse(record.body) }
}
