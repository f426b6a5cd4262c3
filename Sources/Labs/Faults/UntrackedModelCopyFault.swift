import Foundation

/// A model folder is uploaded straight into a registry (or workspace) instead of being shared from the
/// training job's registered output: the version works, but it names no job, so its lineage ends at a
/// local upload and nobody can say which data, code and environment produced it.
struct UntrackedModelCopyFault: FaultKind {
    let name = "untracked-model-copy"
    let summary = "A model folder from the working tree is registered directly as a model version (in a registry or workspace) instead of being shared from the training job's output: the version carries no job, so its lineage stops at a local upload and cannot be traced to data or code."
    let parameters = [
        FaultParameter("path", "the model folder in the working folder"),
        FaultParameter("model", "the model name"),
        FaultParameter("version", "the version to register"),
        FaultParameter("registry", required: false, "the registry to register into (default: the lab's default workspace)"),
        FaultParameter("workspace", required: false, "the workspace to register into when no registry is given"),
        FaultParameter("type", required: false, "model type (default mlflow_model)"),
        FaultParameter("description", required: false, "the description the upload gets"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let path = try arguments.string("path")
        guard FileManager.default.fileExists(atPath: try sandbox.file(path).path) else {
            throw LabError.failed("fault \(name): \(path) does not exist in the working folder")
        }
        var line = "az ml model create -n \(try arguments.string("model")) -v \(try arguments.string("version")) --type \(try arguments.optionalString("type") ?? "mlflow_model") --path \(path) -o none"
        if let registry = try arguments.optionalString("registry") {
            line += " --registry-name \(registry)"
        } else if let workspace = try arguments.optionalString("workspace") {
            line += " -w \(workspace)"
        }
        if let description = try arguments.optionalString("description") {
            line += " --description \"\(description.replacingOccurrences(of: "\"", with: "'"))\""
        }
        try sandbox.mustRun(line)
        try FollowUpCommands.run(arguments, in: sandbox)
    }
}
