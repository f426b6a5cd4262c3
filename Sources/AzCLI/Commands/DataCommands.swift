import Foundation
import Workspace

/// `az ml data create` plus the shared asset commands.
enum DataCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml data create", "Create a data asset in a workspace/registry.", options: [
            AzOption.file, AzOption.name, AzOption.version,
            AzOption(["--path", "-p"], "Path to the data: a local file or folder (uploaded), or a cloud URI (azureml://datastores/..., https://...)."),
            AzOption(["--type", "-t"], "Type of the data asset.", choices: ["uri_file", "uri_folder", "mltable"]),
            AzOption.description, AzOption(["--datastore"], "Datastore to upload local files to (workspaceblobstore)."),
            AzOption.tags, AzOption.set, AzOption.skipValidation, AzOption.registry, AzOption.noWait,
        ], examples: [
            "az ml data create --name titanic --version 1 --path ./data/titanic.csv --type uri_file",
            "az ml data create --file data.yml --set version=2",
        ]) { invocation in
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            var overrides: [String: JSONValue] = [:]
            for (flag, key) in [("--name", "name"), ("--version", "version"), ("--path", "path"), ("--type", "type"), ("--description", "description")] {
                if let value = invocation.string(flag) { overrides[key] = .string(value) }
            }
            if let tags = invocation.tags() { overrides["tags"] = tags }
            let request: DataAssetRequest
            if let document = try invocation.loadSpec(EntitySchema.data, overrides: overrides) {
                request = try DataAssetRequest(document: document, skipValidation: invocation.flag("--skip-validation"))
            } else {
                request = DataAssetRequest(name: try invocation.require("--name", because: "or --file"), version: invocation.string("--version"),
                                           type: invocation.string("--type"), path: try invocation.require("--path", because: "or --file"),
                                           description: invocation.string("--description"), tags: invocation.tags() ?? [:],
                                           folder: invocation.workingFolder, skipValidation: invocation.flag("--skip-validation"))
            }
            let guardRoots = invocation.pathGuard(specFolder: invocation.string("--file") == nil ? nil : request.folder)
            return .json(try AssetStore(workspace: workspace).createData(request, pathGuard: guardRoots, in: target))
        },
    ] + AssetCommands.specs(.data, group: "data")
}
