import Foundation
import Workspace

/// `az ml datastore create|show|list|update|delete`. Stored credentials are never printed: `credentials`
/// shows only their type, and a datastore without credentials (identity-based access) has none.
enum DatastoreCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Type", TableView.field("type")), ("Account", TableView.field("account_name")),
        ("Container", { $0["container_name"]?.stringValue ?? $0["filesystem"]?.stringValue ?? $0["file_share_name"]?.stringValue ?? "" }),
        ("Credentials", { $0["credentials"]?["type"]?.stringValue ?? "none (identity-based)" }),
    ])

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml datastore create", "Create a datastore (or replace one of the same name).", options: [
            AzOption(["--file", "-f"], "Local path to the YAML file containing the datastore specification.", required: true),
            AzOption.name, AzOption.set,
        ], examples: ["az ml datastore create --file blob_datastore.yml"]) { invocation in
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            guard let document = try invocation.loadSpec(EntitySchema.datastore, overrides: overrides) else {
                throw AzUsageError.missingRequired(["--file/-f"])
            }
            return .json(try DatastoreStore(workspace: invocation.workspace()).createOrUpdate(document, in: invocation.target()))
        },
        AzCommandSpec("ml datastore show", "Show details for a datastore.", options: [AzOption.name(required: true)]) { invocation in
            .json(try DatastoreStore(workspace: invocation.workspace()).show(try invocation.require("--name"), in: invocation.target()))
        },
        AzCommandSpec("ml datastore list", "List datastores in a workspace.", options: [AzOption.maxResults]) { invocation in
            var items = try DatastoreStore(workspace: invocation.workspace()).list(in: invocation.target())
            if let limit = try invocation.int("--max-results") { items = Array(items.prefix(max(0, limit))) }
            return .value(.array(items), table: listView)
        },
        AzCommandSpec("ml datastore update", "Update a datastore from a YAML file, or patch it with --set.", options: [
            AzOption(["--file", "-f"], "Local path to the YAML file containing the datastore specification."), AzOption.name, AzOption.set,
        ]) { invocation in
            let store = DatastoreStore(workspace: try invocation.workspace())
            let target = try invocation.target()
            if invocation.string("--file") != nil {
                var overrides: [String: JSONValue] = [:]
                if let name = invocation.string("--name") { overrides["name"] = .string(name) }
                guard let document = try invocation.loadSpec(EntitySchema.datastore, overrides: overrides) else { throw AzUsageError.missingRequired(["--file/-f"]) }
                if let name = document.root["name"]?.stringValue { _ = try store.show(name, in: target) }
                return .json(try store.createOrUpdate(document, in: target))
            }
            let name = try invocation.require("--name", because: "or --file")
            var root = try store.documentForUpdate(name, in: target)
            for text in invocation.strings("--set") { root = try JSONPatch.parse(text).apply(to: root) }
            let document = YAMLDocument(file: invocation.workingFolder.appendingPathComponent("\(name).yml"), root: root, lines: [:])
            try EntitySchema.datastore.validate(document)
            return .json(try store.createOrUpdate(document, in: target))
        },
        AzCommandSpec("ml datastore delete", "Delete a datastore (the data in storage is kept).", options: [AzOption.name(required: true)]) { invocation in
            try DatastoreStore(workspace: invocation.workspace()).delete(try invocation.require("--name"), in: invocation.target())
            return .nothing
        },
    ]
}
