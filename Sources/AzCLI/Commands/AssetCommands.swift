import Foundation
import Workspace

/// The commands every versioned asset group shares: show, list, update, archive, restore, share.
enum AssetCommands {
    static func listView(named: Bool) -> TableView {
        named
            ? TableView([("Name", TableView.field("name")), ("Version", TableView.field("version")),
                         ("Description", TableView.field("description"))])
            : TableView([("Name", TableView.field("name")), ("Latest version", TableView.field("latest version")),
                         ("Description", TableView.field("description"))])
    }

    /// `-v` or `-l`, not both.
    static func selector(_ invocation: AzInvocation, required: Bool) throws -> (version: String?, label: String?) {
        let version = invocation.string("--version"), label = invocation.string("--label")
        if version != nil, label != nil { throw AzUsageError.usage("Cannot specify both version and label.") }
        if required, version == nil, label == nil { throw AzUsageError.usage("Must provide either version or label.") }
        return (version, label)
    }

    /// The built-in `azureml` registry holds curated environments only here.
    static func refuseBuiltInRegistry(_ kind: AssetKind, _ invocation: AzInvocation) throws {
        guard kind != .environment, invocation.string("--registry-name") == Workspace.builtInRegistry else { return }
        throw WorkspaceError.notSimulated("the \(kind.displayName.lowercased())s of the azureml registry (only its curated environments are built in)")
    }

    static func specs(_ kind: AssetKind, group: String) -> [AzCommandSpec] {
        let noun = kind.displayName.lowercased()
        return [
            AzCommandSpec("ml \(group) show", "Show details for a \(noun).", options: [
                AzOption.name(required: true), AzOption.version, AzOption.label, AzOption.registry,
            ]) { invocation in
                let name = try invocation.require("--name")
                try refuseBuiltInRegistry(kind, invocation)
                let selection = try selector(invocation, required: kind != .environment && kind != .component)
                if kind == .environment, let curated = try EnvironmentCommands.curated(name: name, version: selection.version, label: selection.label, invocation: invocation) {
                    return .json(curated)
                }
                return .json(try AssetStore(workspace: invocation.workspace()).find(kind, name: name, version: selection.version, label: selection.label, in: invocation.target()).entity)
            },
            AzCommandSpec("ml \(group) list", "List \(noun)s in a workspace or registry.", options: [
                AzOption(["--name", "-n"], "Name of the \(noun); lists all its versions when given."),
                AzOption.maxResults, AzOption.includeArchived, AzOption.archivedOnly, AzOption.registry,
            ] + (kind == .model ? [AzOption(["--stage", "-s"], "Only the model versions in this stage (Development, Production, Archived, ...).")] : [])) { invocation in
                let name = invocation.string("--name")
                let limit = try invocation.int("--max-results")
                if kind == .environment, let curated = EnvironmentCommands.curatedList(name: name, invocation: invocation) {
                    return .value(.array(limit.map { Array(curated.prefix($0)) } ?? curated), table: listView(named: name != nil))
                }
                try refuseBuiltInRegistry(kind, invocation)
                if kind == .model, let stage = invocation.string("--stage") {
                    // The stage is mutable (`update --stage`), so every version is looked at, then the limit applies.
                    let all = try AssetStore(workspace: invocation.workspace()).list(kind, name: name, filter: invocation.archiveFilter(), limit: nil, in: invocation.target())
                    let staged = all.filter { $0["stage"]?.stringValue?.caseInsensitiveCompare(stage) == .orderedSame }
                    return .value(.array(limit.map { Array(staged.prefix($0)) } ?? staged), table: listView(named: name != nil))
                }
                let items = try AssetStore(workspace: invocation.workspace()).list(kind, name: name, filter: invocation.archiveFilter(), limit: limit, in: invocation.target())
                return .value(.array(items), table: listView(named: name != nil))
            },
            AzCommandSpec("ml \(group) update", "Update the mutable fields (description, tags\(kind == .model ? ", stage" : "")) of a \(noun) version.", options: [
                AzOption.name(required: true), AzOption.version, AzOption.label, AzOption.set, AzOption.registry,
                AzOption(["--description"], "New description."), AzOption(["--stage", "-s"], "New stage (models)."),
            ]) { invocation in
                let selection = try selector(invocation, required: false)
                var patches = try invocation.strings("--set").map(JSONPatch.parse)
                if let description = invocation.string("--description") { patches.append(JSONPatch(path: ["description"], value: .string(description))) }
                if let stage = invocation.string("--stage") { patches.append(JSONPatch(path: ["stage"], value: .string(stage))) }
                guard !patches.isEmpty else { throw AzUsageError.usage("Nothing to update: pass --set field=value (description, tags.<key>\(kind == .model ? ", stage" : ""))") }
                return .json(try AssetStore(workspace: invocation.workspace()).update(kind, name: try invocation.require("--name"),
                                                                                  version: selection.version, label: selection.label, patches: patches, in: invocation.target()))
            },
            AzCommandSpec("ml \(group) archive", "Archive a \(noun) (all versions when neither --version nor --label is given).", options: [
                AzOption.name(required: true), AzOption.version, AzOption.label, AzOption.registry,
            ]) { invocation in
                let selection = try selector(invocation, required: false)
                try AssetStore(workspace: invocation.workspace()).setArchived(kind, name: try invocation.require("--name"), version: selection.version,
                                                                            label: selection.label, archived: true, in: invocation.target())
                return .nothing
            },
            AzCommandSpec("ml \(group) restore", "Restore an archived \(noun).", options: [
                AzOption.name(required: true), AzOption.version, AzOption.label, AzOption.registry,
            ]) { invocation in
                let selection = try selector(invocation, required: false)
                try AssetStore(workspace: invocation.workspace()).setArchived(kind, name: try invocation.require("--name"), version: selection.version,
                                                                            label: selection.label, archived: false, in: invocation.target())
                return .nothing
            },
            AzCommandSpec("ml \(group) share", "Copy a \(noun) from a workspace into a registry.", options: [
                AzOption.name(required: true), AzOption(["--version", "-v"], "Version to share.", required: true),
                AzOption(["--share-with-name"], "Name in the registry.", required: true),
                AzOption(["--share-with-version"], "Version in the registry.", required: true),
                AzOption(["--registry-name"], "Registry to share into.", required: true),
            ]) { invocation in
                let workspace = try invocation.workspace()
                let source = try workspace.target(group: invocation.string("--resource-group"), workspace: invocation.string("--workspace-name"))
                let registry = try workspace.registryTarget(try invocation.require("--registry-name"))
                return .json(try AssetStore(workspace: workspace).share(kind, name: try invocation.require("--name"), version: try invocation.require("--version"),
                                                                        from: source, to: registry, as: try invocation.require("--share-with-name"),
                                                                        version: try invocation.require("--share-with-version")))
            },
        ]
    }
}
