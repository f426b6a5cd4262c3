import Workspace

/// `az identity create|show|list|delete` (user-assigned managed identities).
enum IdentityCommands {
    static func group(_ invocation: AzInvocation) throws -> String {
        if let group = invocation.string("--resource-group") { return group }
        if let group = try invocation.workspace().defaultValue("group"), !group.isEmpty { return group }
        throw AzUsageError.missingRequired(["--resource-group/-g"])
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("identity create", "Create an identity.", options: [
            AzOption.name(required: true), AzOption(["--location", "-l"], "Location."), AzOption.tags,
        ]) { invocation in
            let store = DirectoryStore(workspace: try invocation.workspace())
            return .json(try store.createIdentity(name: try invocation.require("--name"), group: try group(invocation),
                                                  location: invocation.string("--location") ?? Workspace.defaultLocation))
        },
        AzCommandSpec("identity show", "Show an identity.", options: [AzOption.name(required: true)]) { invocation in
            .json(try DirectoryStore(workspace: invocation.workspace()).showIdentity(name: try invocation.require("--name"), group: try group(invocation)))
        },
        AzCommandSpec("identity list", "List identities.", options: []) { invocation in
            .value(.array(try DirectoryStore(workspace: invocation.workspace()).listIdentities(group: invocation.string("--resource-group"))),
                   table: TableView([("Name", TableView.field("name")), ("ResourceGroup", TableView.field("resourceGroup")),
                                     ("Location", TableView.field("location")), ("PrincipalId", TableView.field("principalId"))]))
        },
        AzCommandSpec("identity delete", "Delete an identity.", options: [AzOption.name(required: true)]) { invocation in
            try DirectoryStore(workspace: invocation.workspace()).deleteIdentity(name: try invocation.require("--name"), group: try group(invocation))
            return .nothing
        },
    ]
}
