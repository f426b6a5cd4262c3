/// The workspace (or registry) a command acts on, and the ARM ids built from it.
public struct WorkspaceTarget: Sendable, Equatable {
    public var subscriptionId: String
    public var resourceGroup: String
    public var workspaceName: String
    public var location: String
    /// Set when the target is a registry (`--registry-name`) instead of a workspace.
    public var registryName: String?

    public init(subscriptionId: String, resourceGroup: String, workspaceName: String, location: String, registryName: String? = nil) {
        self.subscriptionId = subscriptionId
        self.resourceGroup = resourceGroup
        self.workspaceName = workspaceName
        self.location = location
        self.registryName = registryName
    }

    /// The key records of this workspace or registry are stored under.
    public var scopeKey: String {
        if let registryName { return "reg:\(registryName)" }
        return "ws:\(resourceGroup)/\(workspaceName)"
    }

    /// Human name used in messages ("workspace mlw-mlopslab", "registry shared-reg").
    public var displayName: String {
        if let registryName { return "registry \(registryName)" }
        return "workspace \(workspaceName)"
    }

    /// `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>`.
    public var armId: String {
        if let registryName {
            return "/subscriptions/\(subscriptionId)/resourceGroups/\(resourceGroup)/providers/Microsoft.MachineLearningServices/registries/\(registryName)"
        }
        return "/subscriptions/\(subscriptionId)/resourceGroups/\(resourceGroup)/providers/Microsoft.MachineLearningServices/workspaces/\(workspaceName)"
    }

    /// The path prefix local uploads get on the default blob datastore.
    public var blobDatastorePath: String {
        "azureml://subscriptions/\(subscriptionId)/resourcegroups/\(resourceGroup)/workspaces/\(workspaceName)/datastores/workspaceblobstore/paths"
    }
}
