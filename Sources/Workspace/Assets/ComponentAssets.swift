import Foundation

extension AssetStore {
    /// Registers a component from its validated YAML: the code folder is uploaded, the
    /// environment reference must resolve (a workspace environment version, a curated one or an
    /// inline image), and `is_deterministic` defaults to true.
    public func createComponent(_ document: YAMLDocument, pathGuard: PathGuard, in target: WorkspaceTarget) throws -> JSONValue {
        var fields = document.root.objectValue ?? [:]
        guard let name = fields["name"]?.scalarText else { throw WorkspaceError.invalidArgument("a component needs `name`") }
        let version = fields["version"]?.scalarText
        for key in ["name", "version", "$schema"] { fields.removeValue(forKey: key) }
        if fields["type"] == nil { fields["type"] = "command" }
        if fields["is_deterministic"] == nil { fields["is_deterministic"] = true }
        var payload: Payload?
        if let code = fields["code"]?.stringValue, !LocalUpload.isRemote(code) {
            let upload = try LocalUpload(workspace: workspace, pathGuard: pathGuard).upload(code, relativeTo: document.folder, in: target)
            fields["code"] = .string("azureml:\(target.armId)/codes/\(Workspace.stableGuid(upload.payload.digest))/versions/1")
            payload = upload.payload
        }
        if let environment = fields["environment"]?.stringValue {
            try checkEnvironmentReference(environment, in: target)
        }
        let source = (try? String(contentsOf: document.file, encoding: .utf8)) ?? ""
        return try register(.component, name: name, version: version, fields: fields, payload: payload, extra: ["source_yaml": .string(source)], in: target)
    }

    /// An environment reference must name an existing version, a curated environment, or a registry asset.
    public func checkEnvironmentReference(_ text: String, in target: WorkspaceTarget) throws {
        guard let reference = AssetReference.parse(text) else {
            throw WorkspaceError.invalidArgument("invalid environment reference '\(text)': use azureml:<name>:<version>, azureml:<name>@latest or azureml://registries/<registry>/environments/<name>/versions/<v>")
        }
        switch reference {
        case .registry(let registry, _, let name, _) where registry == "azureml":
            guard CuratedEnvironments.find(name) != nil else {
                throw WorkspaceError.failed("(UserError) Environment \(name) was not found in registry azureml. Curated environments: \(CuratedEnvironments.all.map { String($0.name.dropFirst(8)) }.joined(separator: ", ")).")
            }
        case .version(let name, _), .label(let name, _):
            if CuratedEnvironments.find(name) != nil, name.hasPrefix("AzureML-") { return }
            _ = try resolve(reference, expecting: .environment, in: target)
        default:
            _ = try resolve(reference, expecting: .environment, in: target)
        }
    }
}
