import Foundation
import Workspace

/// `az ml registry create|show|list`.
enum RegistryCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml registry create", "Create a registry (assets shared across workspaces).", options: [
            AzOption.file, AzOption.name, AzOption.set, AzOption.noWait,
        ]) { invocation in
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            let document = try invocation.loadSpec(EntitySchema.registry, overrides: overrides)
            let root: JSONValue
            if let document { root = document.root } else { root = ["name": .string(try invocation.require("--name", because: "or --file"))] }
            let configured = try invocation.workspace().defaultValue("group")
            let group = invocation.string("--resource-group") ?? configured ?? Workspace.defaultGroup
            return .json(try RegistryStore(workspace: invocation.workspace()).create(root, group: group))
        },
        AzCommandSpec("ml registry show", "Show a registry.", options: [AzOption.name(required: true)]) { invocation in
            .json(try RegistryStore(workspace: invocation.workspace()).show(try invocation.require("--name")))
        },
        AzCommandSpec("ml registry list", "List registries.", options: []) { invocation in
            .value(.array(try RegistryStore(workspace: invocation.workspace()).list()), table: TableView([
                ("Name", TableView.field("name")), ("Location", TableView.field("location")),
                ("Managed locations", { ($0["replication_locations"]?.arrayValue ?? []).compactMap { $0["location"]?.stringValue }.joined(separator: ", ") }),
                ("Description", TableView.field("description")),
            ]))
        },
    ]
}
