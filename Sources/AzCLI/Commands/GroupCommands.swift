import Workspace

/// `az group create|list|show`.
enum GroupCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("group create", "Create a new resource group.", options: [
            AzOption(["--name", "-n", "--resource-group", "-g"], "Name of the new resource group.", required: true),
            AzOption(["--location", "-l"], "Location, e.g. eastus."),
            AzOption.tags,
        ]) { invocation in
            let name = try invocation.require("--name")
            let configured = try invocation.workspace().defaultValue("location")
            let location = invocation.string("--location") ?? configured ?? Workspace.defaultLocation
            return .json(try DirectoryStore(workspace: invocation.workspace()).createGroup(name: name, location: location))
        },
        AzCommandSpec("group list", "List resource groups.", options: []) { invocation in
            .value(.array(try DirectoryStore(workspace: invocation.workspace()).listGroups()),
                   table: TableView([("Name", TableView.field("name")), ("Location", TableView.field("location")),
                                     ("Status", { $0["properties"]?["provisioningState"]?.stringValue ?? "" })]))
        },
        AzCommandSpec("group show", "Get a resource group.", options: [
            AzOption(["--name", "-n", "--resource-group", "-g"], "Name of the resource group.", required: true),
        ]) { invocation in
            let name = try invocation.require("--name")
            guard let group = try DirectoryStore(workspace: invocation.workspace()).listGroups().first(where: { $0["name"]?.stringValue == name }) else {
                throw WorkspaceError.failed("(ResourceGroupNotFound) Resource group '\(name)' could not be found.")
            }
            return .json(group)
        },
    ]
}
