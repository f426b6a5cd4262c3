import Foundation
import Workspace

/// `az ml model create|download` plus the shared asset commands.
enum ModelCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml model create", "Create a model in a workspace/registry.", options: [
            AzOption.file, AzOption.name, AzOption.version,
            AzOption(["--path", "-p"], "Local file or folder, or a job output: azureml://jobs/<job>/outputs/<output>."),
            AzOption(["--type", "-t"], "Type of the model.", choices: ["custom_model", "mlflow_model", "triton_model"]),
            AzOption.description, AzOption.tags, AzOption(["--stage", "-s"], "Stage of the model (default Development)."),
            AzOption(["--datastore"], "Datastore to upload local files to."), AzOption.set, AzOption.registry,
        ], examples: [
            "az ml model create --name credit-model --type mlflow_model --path azureml://jobs/<job>/outputs/artifacts/paths/model/",
            "az ml model create --name my-model --version 1 --path ./model",
        ]) { invocation in
            var overrides: [String: JSONValue] = [:]
            for (flag, key) in [("--name", "name"), ("--version", "version"), ("--path", "path"), ("--type", "type"),
                                ("--description", "description"), ("--stage", "stage")] {
                if let value = invocation.string(flag) { overrides[key] = .string(value) }
            }
            if let tags = invocation.tags() { overrides["tags"] = tags }
            let request: ModelRequest
            if let document = try invocation.loadSpec(EntitySchema.model, overrides: overrides) {
                request = try ModelRequest(document: document)
            } else {
                request = ModelRequest(name: try invocation.require("--name", because: "or --file"), version: invocation.string("--version"),
                                       type: invocation.string("--type"), path: try invocation.require("--path", because: "or --file"),
                                       description: invocation.string("--description"), tags: invocation.tags() ?? [:],
                                       stage: invocation.string("--stage"), folder: invocation.workingFolder)
            }
            let guardRoots = invocation.pathGuard(specFolder: invocation.string("--file") == nil ? nil : request.folder)
            return .json(try AssetStore(workspace: invocation.workspace()).createModel(request, pathGuard: guardRoots, in: invocation.target()))
        },
        AzCommandSpec("ml model download", "Download all the files of a model version.", options: [
            AzOption.name(required: true), AzOption.version, AzOption.label,
            AzOption(["--download-path", "-p"], "Folder to download into (default: the working folder)."), AzOption.registry,
        ]) { invocation in
            let selection = try AssetCommands.selector(invocation, required: false)
            let destination = invocation.string("--download-path").map { invocation.localURL($0) }
                ?? invocation.workingFolder
            let folder = try AssetStore(workspace: invocation.workspace()).downloadModel(name: try invocation.require("--name"), version: selection.version,
                                                                                        label: selection.label, to: destination, in: invocation.target())
            invocation.emit("Downloading the model \(folder.lastPathComponent) at \(folder.path)\n")
            return .nothing
        },
    ] + AssetCommands.specs(.model, group: "model")
}
