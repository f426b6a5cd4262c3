import Foundation
import Store
import Workspace

/// `az ml workspace create|show|list`.
enum WorkspaceCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml workspace create", "Create a workspace.", options: [
            AzOption.file, AzOption.name, AzOption(["--location", "-l"], "Location."), AzOption(["--display-name"], "Display name."),
            AzOption.description, AzOption.tags, AzOption.set, AzOption.noWait,
        ]) { invocation in
            let workspace = try invocation.workspace()
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let location = invocation.string("--location") { overrides["location"] = .string(location) }
            let document = try invocation.loadSpec(EntitySchema.workspace, overrides: overrides)
            let name: String
            if let fromFile = document?.root["name"]?.scalarText { name = fromFile } else { name = try invocation.require("--name", because: "or --file") }
            let configured = try workspace.defaultValue("group")
            let group = invocation.string("--resource-group") ?? configured ?? Workspace.defaultGroup
            try DirectoryStore(workspace: workspace).requireGroup(group)
            if try workspace.database.resource(kind: "workspace", scope: group, name: name) != nil {
                throw WorkspaceError.alreadyExists(kind: "workspace", name: name)
            }
            let location = document?.root["location"]?.stringValue ?? invocation.string("--location") ?? Workspace.defaultLocation
            return .json(try workspace.saveWorkspaceRecord(name: name, group: group, location: location, at: try workspace.clock.now(),
                                                           description: document?.root["description"]?.scalarText ?? invocation.string("--description"),
                                                           tags: document?.root["tags"] ?? invocation.tags() ?? [:]))
        },
        AzCommandSpec("ml workspace show", "Show a workspace (the default one without --name).", options: [AzOption.name]) { invocation in
            let workspace = try invocation.workspace()
            let target = try workspace.target(group: invocation.string("--resource-group"), workspace: invocation.string("--name") ?? invocation.string("--workspace-name"))
            guard let record = try workspace.database.resource(kind: "workspace", scope: target.resourceGroup, name: target.workspaceName),
                  let body = JSONValue.parse(record.body) else {
                throw WorkspaceError.notFound(kind: "Workspace", name: target.workspaceName, version: nil, scope: "resource group \(target.resourceGroup)")
            }
            return .json(body)
        },
        AzCommandSpec("ml workspace list", "List the workspaces of a resource group (all groups without -g).", options: []) { invocation in
            let workspace = try invocation.workspace()
            let groups = try invocation.string("--resource-group").map { [$0] } ?? DirectoryStore(workspace: workspace).listGroups().compactMap { $0["name"]?.stringValue }
            let items = try groups.flatMap { try workspace.database.resources(kind: "workspace", scope: $0).compactMap { JSONValue.parse($0.body) } }
            return .value(.array(items), table: TableView([("Name", TableView.field("name")), ("Location", TableView.field("location")),
                                                          ("Resource group", TableView.field("resource_group"))]))
        },
    ]
}
