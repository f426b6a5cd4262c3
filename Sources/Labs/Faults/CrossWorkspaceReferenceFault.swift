import Foundation

/// Registry references in a YAML file become workspace-scoped references: `azureml://registries/R/models/N/versions/V`
/// turns into `azureml:N:V`, which resolves only in the workspace that registered the asset. Submitted to
/// another workspace, the deployment cannot download its model and a job cannot find its component or environment.
struct CrossWorkspaceReferenceFault: FaultKind {
    let name = "cross-workspace-reference"
    let summary = "Registry references (azureml://registries/R/<kind>/N/versions/V) in a YAML file become workspace references (azureml:N:V) that exist only in the workspace that trained the assets: in any other workspace the deployment fails to download its model and jobs cannot resolve their component or environment."
    let parameters = [
        FaultParameter("files", "the YAML files to rewrite (a name or a list); each must hold at least one reference to the registry"),
        FaultParameter("registry", "the registry whose references are rewritten"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let registry = try arguments.string("registry")
        for file in try arguments.strings("files") {
            let text = try sandbox.read(file)
            let rewritten = Self.rewrite(text, registry: registry)
            guard rewritten != text else {
                throw LabError.failed("fault \(name): \(file) holds no reference to azureml://registries/\(registry)/...")
            }
            try sandbox.write(file, rewritten)
        }
        try FollowUpCommands.run(arguments, in: sandbox)
    }

    /// Rewrites every `azureml://registries/<registry>/<kind>/<name>/versions/<v>` (or `/labels/<l>`) in `text`.
    static func rewrite(_ text: String, registry: String) -> String {
        let prefix = "azureml://registries/\(registry)/"
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            output += rest[..<range.lowerBound]
            let tail = rest[range.upperBound...]
            let end = tail.firstIndex { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "," || $0 == "}" || $0 == "]" } ?? tail.endIndex
            let parts = tail[..<end].split(separator: "/").map(String.init)
            if parts.count == 4, ["models", "components", "environments", "data"].contains(parts[0]) {
                output += parts[2] == "versions" ? "azureml:\(parts[1]):\(parts[3])" : "azureml:\(parts[1])@\(parts[3])"
            } else {
                output += prefix + tail[..<end]
            }
            rest = tail[end...]
        }
        return output + rest
    }
}
